// The privacy statement's text in Dutch and English, from the operator's configuration.
import type { Config } from '../config.ts';

export interface StatementSection {
  heading: string;
  paragraphs: string[];
}

export function statementText(lang: 'nl' | 'en', config: Pick<Config, 'portalName' | 'publisherName' | 'contactEmail'>): StatementSection[] {
  const { portalName: portal, publisherName: controller, contactEmail: contact } = config;
  if (lang === 'nl') {
    return [
      { heading: 'Wie verwerkt uw gegevens', paragraphs: [`${controller} is verantwoordelijk voor de verwerking van persoonsgegevens op ${portal}. Vragen over privacy stelt u aan ${contact}.`] },
      { heading: 'Welke gegevens', paragraphs: ['Voor een account: voornaam, achternaam, e-mailadres, een wachtwoord (alleen als argon2id-hash bewaard), uw API-sleutels (alleen als digest) en wanneer u zich aanmeldde. Niets meer.'] },
      { heading: 'Waarom en op welke grond', paragraphs: ['Om open data beschikbaar te stellen voor hergebruik en u een account te geven (taak van algemeen belang, art. 6(1)(e) AVG).'] },
      { heading: 'Met wie', paragraphs: ['Met niemand buiten de organisatie. Het portaal laadt niets van andere websites en zet geen andere cookie dan de strikt noodzakelijke sessiecookie.'] },
      { heading: 'Hoe lang', paragraphs: ['Tot u uw account verwijdert; een account dat vijf jaar niet gebruikt is, wordt verwijderd (u krijgt 30 dagen vooraf een bericht).'] },
      { heading: 'Uw rechten', paragraphs: ['U kunt uw gegevens inzien, verbeteren en laten wissen, de verwerking laten beperken en er bezwaar tegen maken. U kunt klacht indienen bij de Vlaamse Toezichtcommissie.'] },
    ];
  }
  return [
    { heading: 'Who processes your data', paragraphs: [`${controller} is the controller of personal data on ${portal}. Ask privacy questions at ${contact}.`] },
    { heading: 'Which data', paragraphs: ['For an account: first name, last name, email address, a password (kept only as an argon2id hash), your API keys (kept only as digests) and when you signed in. Nothing more.'] },
    { heading: 'Why, and on what basis', paragraphs: ['To make open data available for re-use and give you an account (public task, Art. 6(1)(e) GDPR).'] },
    { heading: 'With whom', paragraphs: ['With no one outside the organisation. The portal loads nothing from other websites and sets no cookie other than the strictly necessary session cookie.'] },
    { heading: 'How long', paragraphs: ['Until you delete your account; an account unused for five years is deleted (you are told 30 days before).'] },
    { heading: 'Your rights', paragraphs: ['You may access, rectify and erase your data, restrict its processing and object to it. You may complain to the Vlaamse Toezichtcommissie.'] },
  ];
}
