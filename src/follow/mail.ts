// The mails following sends, in the person's language: the confirmation link, a notification, and a digest, each as
// plain text and HTML with the unsubscribe and manage links.
import type { VersionChanges } from '../catalog/types.ts';
import { escapeHtml } from '../html/jsx-runtime.ts';
import { messages, plural, type Language } from '../i18n/index.ts';
import type { DigestFrequency, NotificationKind } from './types.ts';

/** One thing to tell: the dataset it is about, and what happened. */
export interface Notice {
  kind: NotificationKind;
  title: string;
  /** The dataset's page (or the portal's, for a portal announcement). */
  link: string;
  version: number | null;
  changes: VersionChanges | null;
  announcement: { title: string; body: string } | null;
  /** Ends just the subscription this notice came by. */
  unsubscribeLink: string;
}

interface FollowMail {
  template: string;
  subject: string;
  text: string;
  html?: string;
}

const words = (lang: Language) => messages(lang).follow.mail;

/** The lines that say what changed: counts with their plural forms, then the fields by name. */
function changeLines(lang: Language, changes: VersionChanges): string[] {
  const t = words(lang).version;
  const lines = [plural(lang, changes.added, t.added), plural(lang, changes.removed, t.removed)];
  lines.push(changes.changed === null ? t.changedUnknown : plural(lang, changes.changed, t.changed));
  if (changes.fields_added.length > 0) lines.push(plural(lang, changes.fields_added.length, t.fieldsAdded, changes.fields_added.join(', ')));
  if (changes.fields_removed.length > 0) lines.push(plural(lang, changes.fields_removed.length, t.fieldsRemoved, changes.fields_removed.join(', ')));
  if (changes.fields_retyped.length > 0) {
    const names = changes.fields_retyped.map((f) => `${f.name} (${f.from} → ${f.to})`).join(', ');
    lines.push(plural(lang, changes.fields_retyped.length, t.fieldsRetyped, names));
  }
  return lines;
}

function subjectOf(lang: Language, n: Notice): string {
  const t = words(lang);
  if (n.kind === 'version') return t.version.subject({ title: n.title, version: n.version ?? 0 });
  if (n.kind === 'metadata') return t.metadata.subject({ title: n.title });
  if (n.kind === 'new_dataset') return t.newDataset.subject({ title: n.title });
  return t.announcement.subject({ title: n.announcement?.title ?? n.title });
}

/** A notice's lead sentence and detail lines. */
function bodyOf(lang: Language, n: Notice): { lead: string; lines: string[]; paragraphs: string[] } {
  const t = words(lang);
  if (n.kind === 'version') {
    const version = n.version ?? 0;
    const lead = n.changes ? t.version.lead({ title: n.title, version, comparedTo: n.changes.comparedTo }) : t.version.leadPlain({ title: n.title, version });
    return { lead, lines: n.changes ? changeLines(lang, n.changes) : [t.version.noSummary], paragraphs: [] };
  }
  if (n.kind === 'metadata') return { lead: t.metadata.lead({ title: n.title }), lines: [], paragraphs: [] };
  if (n.kind === 'new_dataset') return { lead: t.newDataset.lead({ title: n.title }), lines: [], paragraphs: [] };
  return { lead: n.announcement?.title ?? n.title, lines: [], paragraphs: (n.announcement?.body ?? '').split(/\r?\n\s*\r?\n/).filter((p) => p.trim() !== '') };
}

/** The notice's link says where it leads: a version's page tells what changed. */
const openLabel = (lang: Language, n: Notice) => (n.kind === 'version' && n.version !== null ? words(lang).openVersion : words(lang).open);

function noticeText(lang: Language, n: Notice, withUnsubscribe: boolean): string {
  const { lead, lines, paragraphs } = bodyOf(lang, n);
  const t = words(lang);
  return [lead, ...lines.map((l) => `- ${l}`), ...paragraphs, `${openLabel(lang, n)}: ${n.link}`, ...(withUnsubscribe ? [t.unsubscribe(n.unsubscribeLink)] : [])].join('\n');
}

function noticeHtml(lang: Language, n: Notice, withUnsubscribe: boolean): string {
  const { lead, lines, paragraphs } = bodyOf(lang, n);
  const t = words(lang);
  return [
    `<p><strong>${escapeHtml(lead)}</strong></p>`,
    lines.length > 0 ? `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(n.link)}">${escapeHtml(openLabel(lang, n))}</a>${withUnsubscribe ? ` · <a href="${escapeHtml(n.unsubscribeLink)}">${escapeHtml(t.unsubscribeLink)}</a>` : ''}</p>`,
  ].join('\n');
}

function page(lang: Language, body: string): string {
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>\n`;
}

export const followMails = {
  confirm: (lang: Language, p: { portal: string; firstName: string; what: string; link: string; hours: number }): FollowMail => ({
    template: 'follow.confirm',
    subject: words(lang).confirm.subject(p),
    text: words(lang).confirm.text(p),
  }),

  /** One notice, mailed at once; its unsubscribe link is the mail's one-click link too. */
  instant: (lang: Language, p: { portal: string; firstName: string; notice: Notice; manageLink: string }): FollowMail => {
    const t = words(lang);
    const text = [t.greeting(p.firstName), '', noticeText(lang, p.notice, true), '', t.manage(p.manageLink), '', t.sign(p.portal), ''].join('\n');
    const html = page(lang, [
      `<p>${escapeHtml(t.greeting(p.firstName))}</p>`,
      noticeHtml(lang, p.notice, true),
      `<p><a href="${escapeHtml(p.manageLink)}">${escapeHtml(t.manageLink)}</a></p>`,
      `<p>${escapeHtml(t.sign(p.portal)).replace(/\n/g, '<br>')}</p>`,
    ].join('\n'));
    return { template: `follow.${p.notice.kind}`, subject: subjectOf(lang, p.notice), text, html };
  },

  /** Every notice of a period in one mail, each with the link that ends its own subscription. */
  digest: (lang: Language, p: { portal: string; firstName: string; frequency: DigestFrequency; notices: Notice[]; manageLink: string }): FollowMail => {
    const t = words(lang);
    const text = [t.greeting(p.firstName), '', t.digest.lead[p.frequency], '', ...p.notices.map((n) => `${noticeText(lang, n, true)}\n`), t.manage(p.manageLink), '', t.sign(p.portal), ''].join('\n');
    const html = page(lang, [
      `<p>${escapeHtml(t.greeting(p.firstName))}</p>`,
      `<p>${escapeHtml(t.digest.lead[p.frequency])}</p>`,
      ...p.notices.map((n) => `<div>\n${noticeHtml(lang, n, true)}\n</div>`),
      `<p><a href="${escapeHtml(p.manageLink)}">${escapeHtml(t.manageLink)}</a></p>`,
      `<p>${escapeHtml(t.sign(p.portal)).replace(/\n/g, '<br>')}</p>`,
    ].join('\n'));
    return { template: `follow.digest_${p.frequency}`, subject: plural(lang, p.notices.length, t.digest.subject, p.portal), text, html };
  },
};
