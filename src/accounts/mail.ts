// The mails accounts send, in Dutch and English: each a subject and a plain text with its single-use link.
import type { Language } from '../i18n/index.ts';

export interface AccountMail {
  template: string;
  subject: string;
  text: string;
}

const sign = { nl: (portal: string) => `Met vriendelijke groet,\n${portal}`, en: (portal: string) => `Kind regards,\n${portal}` };

export const accountMails = {
  verify: (lang: Language, p: { portal: string; firstName: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.verify',
    subject: lang === 'nl' ? `Bevestig uw e-mailadres voor ${p.portal}` : `Confirm your email address for ${p.portal}`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nBevestig uw e-mailadres om uw account te activeren:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer. Heeft u geen account aangevraagd, dan kunt u deze mail negeren.\n\n${sign.nl(p.portal)}\n`
        : `Dear ${p.firstName},\n\nConfirm your email address to activate your account:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once. If you did not ask for an account, ignore this mail.\n\n${sign.en(p.portal)}\n`,
  }),
  alreadyRegistered: (lang: Language, p: { portal: string; firstName: string; resetLink: string }): AccountMail => ({
    template: 'accounts.already_registered',
    subject: lang === 'nl' ? `Er bestaat al een account met dit adres bij ${p.portal}` : `An account with this address already exists at ${p.portal}`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nIemand probeerde een account te maken met dit e-mailadres, maar u heeft er al een. Wachtwoord vergeten? Kies een nieuw via:\n\n${p.resetLink}\n\nWas u dit niet, dan hoeft u niets te doen.\n\n${sign.nl(p.portal)}\n`
        : `Dear ${p.firstName},\n\nSomeone tried to create an account with this email address, but you already have one. Forgot your password? Choose a new one at:\n\n${p.resetLink}\n\nIf this was not you, you need not do anything.\n\n${sign.en(p.portal)}\n`,
  }),
  reset: (lang: Language, p: { portal: string; firstName: string; link: string; minutes: number }): AccountMail => ({
    template: 'accounts.reset',
    subject: lang === 'nl' ? `Nieuw wachtwoord voor ${p.portal}` : `New password for ${p.portal}`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nKies een nieuw wachtwoord via deze link:\n\n${p.link}\n\nDe link werkt ${p.minutes} minuten en één keer. Vroeg u dit niet, dan kunt u deze mail negeren; uw wachtwoord blijft ongewijzigd.\n\n${sign.nl(p.portal)}\n`
        : `Dear ${p.firstName},\n\nChoose a new password with this link:\n\n${p.link}\n\nThe link works for ${p.minutes} minutes and once. If you did not ask for this, ignore this mail; your password stays as it is.\n\n${sign.en(p.portal)}\n`,
  }),
  changeEmail: (lang: Language, p: { portal: string; firstName: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.change_email',
    subject: lang === 'nl' ? `Bevestig uw nieuwe e-mailadres voor ${p.portal}` : `Confirm your new email address for ${p.portal}`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nBevestig dat dit uw nieuwe e-mailadres is:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer.\n\n${sign.nl(p.portal)}\n`
        : `Dear ${p.firstName},\n\nConfirm that this is your new email address:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once.\n\n${sign.en(p.portal)}\n`,
  }),
  emailChanged: (lang: Language, p: { portal: string; firstName: string }): AccountMail => ({
    template: 'accounts.email_changed',
    subject: lang === 'nl' ? `Uw e-mailadres bij ${p.portal} is gewijzigd` : `Your email address at ${p.portal} was changed`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nHet e-mailadres van uw account is zonet gewijzigd. Was u dit niet, neem dan meteen contact met ons op.\n\n${sign.nl(p.portal)}\n`
        : `Dear ${p.firstName},\n\nThe email address of your account was just changed. If this was not you, contact us at once.\n\n${sign.en(p.portal)}\n`,
  }),
  setPassword: (lang: Language, p: { portal: string; link: string; hours: number }): AccountMail => ({
    template: 'accounts.set_password',
    subject: lang === 'nl' ? `Uw account bij ${p.portal}` : `Your account at ${p.portal}`,
    text:
      lang === 'nl'
        ? `Er is een account voor u gemaakt. Kies uw wachtwoord via:\n\n${p.link}\n\nDe link werkt ${p.hours} uur en één keer.\n\n${sign.nl(p.portal)}\n`
        : `An account was made for you. Choose your password at:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once.\n\n${sign.en(p.portal)}\n`,
  }),
};
