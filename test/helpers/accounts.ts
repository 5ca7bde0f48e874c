// Test support: accounts of every role, signed in (staff past their second factor) and holding a session cookie.
import type { Role } from '../../src/accounts/types.ts';
import { hashPassword } from '../../src/accounts/passwords.ts';
import { digest, newId } from '../../src/accounts/secrets.ts';
import type { ServerHarness } from './server.ts';
import { visitor, type Visitor } from './visitor.ts';

export const testPassword = 'paard-batterij-nietje-correct';
let hashed: Promise<string> | null = null;

/** An active, verified account with the test password; returns its id. */
export async function createAccount(s: ServerHarness, email: string, role: Role): Promise<string> {
  hashed ??= hashPassword(testPassword);
  const at = s.portal.clock().toISOString();
  const id = newId('u');
  await s.portal.store.db
    .insertInto('users')
    .values({
      id, email, first_name: 'Test', last_name: role, display_name: null, password_hash: await hashed, password_changed_at: at, role,
      email_verified_at: at, totp_secret: null, totp_enabled_at: null, created_at: at, last_active_at: at, disabled_at: null,
    })
    .execute();
  return id;
}

/** A visitor signed in as the account; a staff session is completed as if the second factor was given. */
export async function signedIn(s: ServerHarness, email: string): Promise<Visitor> {
  const result = await s.portal.accounts.signIn({ email, password: testPassword, address: '127.0.0.9' });
  if (result.stage === 'password') await s.portal.accounts.completeSession(digest(result.token));
  const v = visitor(s.url);
  v.cookie = `opaal_session=${result.token}`;
  return v;
}
