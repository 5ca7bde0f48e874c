// Staff told of new things to decide on: a new reuse, a new data request. Each staff member who may decide gets one mail
// per thing (the outbox's idempotency key), in their language, as text and HTML; a notice on the portal's own
// initiative, so an account under restriction is not mailed.
import type { Config } from '../config.ts';
import { escapeHtml } from '../html/jsx-runtime.ts';
import { localPath, messages, type Language } from '../i18n/index.ts';
import type { Mail } from '../mail/outbox.ts';

/** A staff member who may decide, with the language their mail is written in. */
export interface StaffMember {
  id: string;
  email: string;
  language: Language;
}

/** Lines as a mail: the text joined, each line a paragraph in the HTML (escaped; a web address as its link). */
export function mailOfLines(lines: string[]): { text: string; html: string } {
  const html = lines
    .map((line) => (/^https?:\/\/\S+$/.test(line) ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>` : line ? `<p>${escapeHtml(line).replace(/\n/g, '<br>')}</p>` : ''))
    .join('\n');
  return { text: lines.join('\n'), html };
}

export function staffNotices(
  staff: StaffMember[],
  input: { config: Pick<Config, 'baseUrl' | 'defaultLanguage' | 'portalName'>; kind: 'reuse' | 'wish'; id: string; title: string; path: string },
): Mail[] {
  return staff.map((member) => {
    const t = messages(member.language).moderation.mail;
    const link = `${input.config.baseUrl.replace(/\/$/, '')}${localPath(member.language, input.config.defaultLanguage, input.path)}`;
    const intro = input.kind === 'reuse' ? t.reuseText(input.title) : t.wishText(input.title);
    return {
      to: member.email,
      template: input.kind === 'reuse' ? 'reuses.staff_new' : 'wishes.staff_new',
      subject: input.kind === 'reuse' ? t.reuseSubject(input.title) : t.wishSubject(input.title),
      ...mailOfLines([t.greeting, '', intro, '', link, '', t.staffWhy, '', t.sign(input.config.portalName)]),
      idempotencyKey: `${input.kind}:${input.id}:staff:${member.id}`,
    };
  });
}
