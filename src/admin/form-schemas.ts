// The administration forms' schemas: each field a string of bounded length; the service judges the values.
import { formBody } from '../http/validation.ts';

export const RoleForm = formBody({ role: 40 });
export const GrantForm = formBody({ email: 1000 });
export const RevokeGrantForm = formBody({ user_id: 200 });
/** A button: nothing but its CSRF token. */
export const ButtonForm = formBody({}, 200);
