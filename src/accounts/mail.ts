// The mails accounts send, in the user's language: each a subject and a plain text with its single-use link.
import { messages, type Language } from '../i18n/index.ts';

export interface AccountMail {
  template: string;
  subject: string;
  text: string;
}

const text = (lang: Language) => messages(lang).mail.accounts;

export const accountMails = {
  verify: (lang: Language, p: { portal: string; firstName: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.verify',
    subject: text(lang).verify.subject(p),
    text: text(lang).verify.text(p),
  }),
  alreadyRegistered: (lang: Language, p: { portal: string; firstName: string; resetLink: string }): AccountMail => ({
    template: 'accounts.already_registered',
    subject: text(lang).alreadyRegistered.subject(p),
    text: text(lang).alreadyRegistered.text(p),
  }),
  reset: (lang: Language, p: { portal: string; firstName: string; link: string; minutes: number }): AccountMail => ({
    template: 'accounts.reset',
    subject: text(lang).reset.subject(p),
    text: text(lang).reset.text(p),
  }),
  changeEmail: (lang: Language, p: { portal: string; firstName: string; email: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.change_email',
    subject: text(lang).changeEmail.subject(p),
    text: text(lang).changeEmail.text(p),
  }),
  emailChanged: (lang: Language, p: { portal: string; firstName: string; email: string }): AccountMail => ({
    template: 'accounts.email_changed',
    subject: text(lang).emailChanged.subject(p),
    text: text(lang).emailChanged.text(p),
  }),
  setPassword: (lang: Language, p: { portal: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.set_password',
    subject: text(lang).setPassword.subject(p),
    text: text(lang).setPassword.text(p),
  }),
};
