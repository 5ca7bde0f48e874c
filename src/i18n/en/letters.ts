// English: the letters of a privacy request (answer, refusal, extension), printed from the console and mailed alike.
import type { letters as nl } from '../nl/letters.ts';

export const letters: typeof nl = {
  caseTypes: { access: 'access', rectification: 'rectification', erasure: 'erasure', restriction: 'restriction of processing', objection: 'objection', portability: 'portability', question: 'question' },
  titles: { reply: 'Answer to your request', refusal: 'Refusal of your request', extension: 'Extension of the time limit for your request' },
  reference: 'Reference',
  kind: 'Kind of request',
  receivedOn: 'Received on',
  dueBy: 'Answer due by',
  asked: (message) => `You asked: “${message}”`,
  done: (outcome) => `What we did: ${outcome}`,
  refused: (reason) => `We cannot grant your request. The reason: ${reason}`,
  extended: (due, reason) => `Your request needs more time than one month. We therefore extend the time limit once, to ${due}. The reason: ${reason}`,
  complaintRoute: (name, address, email, website) =>
    `If you disagree with this answer, you may lodge a complaint with the supervisory authority: ${name}, ${address}, ${email}, ${website}. You may also go to court.`,
  signature: (portal) => `The data protection officer of ${portal}`,
};
