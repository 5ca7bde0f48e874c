// The mail that tells a requester or supporter a data request's new status, in their language, as text and HTML.
import type { Config } from '../../config.ts';
import { escapeHtml } from '../../html/jsx-runtime.ts';
import { localPath, messages, type Language } from '../../i18n/index.ts';
import type { WishStatus } from './types.ts';

export function statusMail(
  lang: Language,
  input: { config: Pick<Config, 'baseUrl' | 'defaultLanguage' | 'portalName'>; wishId: string; title: string; status: WishStatus; datasetId: string | null; reason: string | null },
): { template: string; subject: string; text: string; html: string } {
  const t = messages(lang).wishes;
  const url = (path: string) => `${input.config.baseUrl}${localPath(lang, input.config.defaultLanguage, path)}`;
  const link = url(`/data-requests/${input.wishId}`);
  const lines = [
    t.mail.greeting, '', t.mail.status(input.title, t.statuses[input.status]),
    ...(input.datasetId ? ['', t.mail.dataset, url(`/datasets/${input.datasetId}`)] : []),
    ...(input.reason ? ['', t.mail.reason, input.reason] : []),
    '', link, '', t.mail.sign(input.config.portalName),
  ];
  const html = lines.map((line) => (/^https?:\/\//.test(line) ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>` : line ? `<p>${escapeHtml(line)}</p>` : '')).join('');
  return { template: 'wishes.status', subject: t.mail.subject(input.title), text: lines.join('\n'), html };
}
