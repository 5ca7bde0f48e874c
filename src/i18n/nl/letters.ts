// Dutch: the letters of a privacy request (answer, refusal, extension), printed from the console and mailed alike.

export const letters = {
  /** The kinds of request as a letter names them. */
  caseTypes: { access: 'inzage', rectification: 'verbetering', erasure: 'wissing', restriction: 'beperking van de verwerking', objection: 'bezwaar', portability: 'overdraagbaarheid', question: 'vraag' },
  titles: { reply: 'Antwoord op uw verzoek', refusal: 'Weigering van uw verzoek', extension: 'Verlenging van de termijn voor uw verzoek' },
  reference: 'Referentie',
  kind: 'Soort verzoek',
  receivedOn: 'Ontvangen op',
  dueBy: 'Antwoord uiterlijk op',
  asked: (message: string) => `U vroeg: “${message}”`,
  done: (outcome: string) => `Wat we deden: ${outcome}`,
  refused: (reason: string) => `We kunnen op uw verzoek niet ingaan. De reden: ${reason}`,
  extended: (due: string, reason: string) => `Uw verzoek vraagt meer tijd dan één maand. We verlengen de termijn daarom eenmalig tot ${due}. De reden: ${reason}`,
  /** Where to complain (GDPR Art. 77, 79): the configured supervisory authority (src/privacy/authorities.ts, as in the statement) and the courts. */
  complaintRoute: (name: string, address: string, email: string, website: string) =>
    `Bent u het niet eens met dit antwoord, dan kunt u klacht indienen bij de toezichthouder: ${name}, ${address}, ${email}, ${website}. U kunt ook naar de rechtbank stappen.`,
  signature: (portal: string) => `De functionaris voor gegevensbescherming van ${portal}`,
};
