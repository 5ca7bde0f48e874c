// The account forms' schemas: each field a string of bounded length, past the limits service.ts explains in its own words.
import { formBody } from '../http/validation.ts';

const name = 1000;
const email = 1000;
const password = 10_000;

export const RegisterForm = formBody({ first_name: name, last_name: name, email, password, accept: 10 });
export const SignInForm = formBody({ email, password });
export const ResetRequestForm = formBody({ email });
export const NewPasswordForm = formBody({ password });
export const ProfileForm = formBody({ first_name: name, last_name: name, display_name: name });
export const EmailForm = formBody({ email, password });
export const PasswordForm = formBody({ current: password, password });

/** A one-time or recovery code; longer is no code at all. */
const code = 100;
export const CodeForm = formBody({ code });
export const DisableTwoFactorForm = formBody({ password, code });

export const NewApiKeyForm = formBody({ key_name: name, days: 20 });
export const RevokeApiKeyForm = formBody({ key_id: 200 });
