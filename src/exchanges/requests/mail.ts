// The mails of information requests, in the requester's language (staff's in the portal's): the confirmation link, the
// registration, each answer (text and HTML, the person's words escaped) and the notices to staff.
import { escapeHtml } from '../../html/jsx-runtime.ts';
import { messages, type Language } from '../../i18n/index.ts';
import type { Mail } from '../../mail/outbox.ts';

interface Facts { portal: string; name: string; reference: string; subject: string; link: string }
type StaffKind = 'arrived' | 'replied' | 'contact_point';

const words = (lang: Language) => messages(lang).requests.mail;
/** Plain text as HTML: every character escaped, paragraphs and line breaks kept, links as the text they are. */
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
/** A mail's text as its HTML part: paragraphs, the link made a link. */
const htmlOf = (text: string, link: string) => paragraphs(text).replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`);

export const requestMails = {
  // Mails to a requester answer their own question: `reply`, so a restriction does not withhold them.
  confirm: (lang: Language, to: string, p: { portal: string; name: string; subject: string; link: string; hours: number }): Mail => ({
    to, reply: true, template: 'requests.confirm', subject: words(lang).confirm.subject(p), text: words(lang).confirm.text(p), html: htmlOf(words(lang).confirm.text(p), p.link),
  }),
  registered: (lang: Language, to: string, p: Facts & { due: string }): Mail => ({
    to, reply: true, template: 'requests.registered', subject: words(lang).registered.subject(p), text: words(lang).registered.text(p), html: htmlOf(words(lang).registered.text(p), p.link),
  }),
  /** The request's new status: about their own question, so an answer (`reply`). */
  status: (lang: Language, to: string, p: Facts & { status: string }): Mail => {
    const w = messages(lang).moderation.mail;
    const text = w.requestStatusText(p);
    return { to, reply: true, template: 'requests.status', subject: w.requestStatusSubject(p), text, html: htmlOf(text, p.link) };
  },
  answer: (lang: Language, to: string, p: Facts & { body: string }): Mail => {
    const w = words(lang).answer;
    return {
      to, reply: true, template: 'requests.answer', subject: w.subject(p),
      text: `${w.intro(p)}\n\n${p.body}\n\n${w.outro(p)}`,
      html: `${paragraphs(w.intro(p))}\n<blockquote>${paragraphs(p.body)}</blockquote>\n${paragraphs(w.outro(p)).replace(escapeHtml(p.link), `<a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a>`)}`,
    };
  },
  /**
   * To staff or a contact point: the reference and a link to the inbox, nothing the requester wrote and never their
   * address, so erasing the requester leaves nothing of theirs in staff's mail.
   */
  staff: (lang: Language, to: string, kind: StaffKind, p: { portal: string; reference: string; link: string; dataset?: string }): Mail => ({
    to, template: `requests.${kind}`, subject: words(lang).staff.subject({ ...p, kind }), text: words(lang).staff.text({ ...p, kind }), html: htmlOf(words(lang).staff.text({ ...p, kind }), p.link),
  }),
};
