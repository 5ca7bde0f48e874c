// The mail a webhook's owner gets when Opaal disables it after repeated failure, in the owner's language.
import { messages, type Language } from '../i18n/index.ts';
import { plural } from '../i18n/plural.ts';

export function webhookDisabledMail(lang: Language, p: { portal: string; firstName: string; url: string; attempts: number; link: string }) {
  const text = messages(lang).webhooks.mail;
  return { template: 'webhooks.disabled', subject: text.disabled.subject(p), text: text.disabled.text({ ...p, attempts: plural(lang, p.attempts, text.attempts) }) };
}
