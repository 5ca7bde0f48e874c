// The mail that warns of an account's erasure for inactivity, in Dutch and English.
import type { Lang } from '../../personal-data/vocabulary.ts';

export interface WarningMail {
  template: string;
  subject: string;
  text: string;
}

export function inactivityWarning(lang: Lang, p: { portal: string; firstName: string; signInLink: string; erasureDate: string }): WarningMail {
  return {
    template: 'retention.inactivity_warning',
    subject: lang === 'nl' ? `Uw account bij ${p.portal} wordt binnenkort verwijderd` : `Your account at ${p.portal} will soon be deleted`,
    text:
      lang === 'nl'
        ? `Beste ${p.firstName},\n\nU heeft uw account bij ${p.portal} bijna vijf jaar niet gebruikt. We bewaren gegevens niet langer dan nodig: op ${p.erasureDate} verwijderen we het account met uw gegevens.\n\nWilt u het houden? Meld u voor die datum aan:\n\n${p.signInLink}\n\nWilt u het niet houden, dan hoeft u niets te doen.\n\nMet vriendelijke groet,\n${p.portal}\n`
        : `Dear ${p.firstName},\n\nYou have not used your account at ${p.portal} for almost five years. We keep data no longer than needed: on ${p.erasureDate} we will delete the account with your data.\n\nWould you like to keep it? Sign in before that date:\n\n${p.signInLink}\n\nIf you do not want to keep it, you need not do anything.\n\nKind regards,\n${p.portal}\n`,
  };
}
