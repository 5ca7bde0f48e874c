// The mail that tells a submitter what staff decided about their reuse, in their language, as text and HTML.
import type { Config } from '../../config.ts';
import { escapeHtml } from '../../html/jsx-runtime.ts';
import { localPath, messages, type Language } from '../../i18n/index.ts';

export function decisionMail(
  lang: Language,
  input: { config: Pick<Config, 'baseUrl' | 'defaultLanguage' | 'portalName'>; reuseId: string; title: string; approved: boolean; reason: string | null },
): { template: string; subject: string; text: string; html: string } {
  const t = messages(lang).reuses.mail;
  const link = `${input.config.baseUrl}${localPath(lang, input.config.defaultLanguage, input.approved ? `/reuses/${input.reuseId}` : '/reuses')}`;
  const lines = [t.greeting, '', input.approved ? t.approved(input.title) : t.rejected(input.title), ...(input.reason ? ['', t.reason, input.reason] : []), '', link, '', t.sign(input.config.portalName)];
  const html = lines.map((line) => (line === link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : line ? `<p>${escapeHtml(line)}</p>` : '')).join('');
  return { template: input.approved ? 'reuses.approved' : 'reuses.rejected', subject: input.approved ? t.approvedSubject : t.rejectedSubject, text: lines.join('\n'), html };
}
