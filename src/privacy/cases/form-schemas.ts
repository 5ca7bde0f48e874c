// The privacy request and case forms' schemas: each field a string of bounded length, past the limits service.ts explains itself.
import { formBody } from '../../http/validation.ts';

const text = 10_000;
const short = 100;

export const RequestForm = formBody({ type: short, message: text, email: 1000 });
export const CodeForm = formBody({ code: short });
export const ButtonForm = formBody({}, 200);
export const RegisterCaseForm = formBody({ channel: short, type: short, email: 1000, lang: short, received_day: short, message: text });
export const VerifyForm = formBody({ method: short, day: short });
export const ExtendForm = formBody({ months: short, reason: text });
export const RefuseForm = formBody({ reason: text });
export const CancelForm = formBody({ cancel_reason: text });
export const CompleteForm = formBody({ answer: text });
export const ActForm = formBody({ action: short, purpose: short });
