// Test support: a signed-in account of any role, its session complete (second factor done), as a visitor with its cookie.
import { randomBytes } from 'node:crypto';
import { csrfToken } from '../../src/accounts/auth.ts';
import { hashPassword } from '../../src/accounts/passwords.ts';
import type { Role } from '../../src/accounts/types.ts';
import type { ServerHarness } from './server.ts';
import { visitor, type Visitor } from './visitor.ts';

export interface StaffVisitor extends Visitor {
  accountId: string;
  /** The token that the session's state changes must carry (X-CSRF-Token or `_csrf`). */
  csrf: string;
  /** A request with the session cookie, the portal's Origin and the CSRF header, as the back office's own scripts send it. */
  send(method: string, path: string, init?: { body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
}

const password = 'paard-batterij-nietje-correct';

/**
 * An account row with the given role, signed in through the account service and its session
 * completed directly: enforcing the second factor for staff is tested with the two-factor module.
 */
export async function signedIn(s: ServerHarness, role: Role, names: { firstName?: string; lastName?: string; email?: string } = {}): Promise<StaffVisitor> {
  const id = `u_${randomBytes(6).toString('hex')}`;
  const email = names.email ?? `${role}-${id}@example.org`;
  const at = s.portal.clock().toISOString();
  await s.portal.store.db
    .insertInto('users')
    .values({
      id, email, first_name: names.firstName ?? 'Test', last_name: names.lastName ?? role, display_name: null, password_hash: await hashPassword(password),
      password_changed_at: at, role, email_verified_at: at, totp_secret: null, totp_enabled_at: null, created_at: at, last_active_at: at, disabled_at: null,
    })
    .execute();
  const { token } = await s.portal.accounts.signIn({ email, password, address: '127.0.0.1' });
  const session = await s.portal.accounts.session(token);
  await s.portal.accounts.completeSession(session!.id);
  const v = visitor(s.url) as StaffVisitor;
  v.cookie = `opaal_session=${token}`;
  v.accountId = id;
  v.csrf = csrfToken(token);
  v.send = (method, path, init = {}) =>
    fetch(new URL(path, s.url), {
      method,
      redirect: 'manual',
      body: init.body,
      headers: { cookie: v.cookie!, origin: new URL(s.url).origin, 'x-csrf-token': v.csrf, ...(init.headers ?? {}) },
    });
  return v;
}
