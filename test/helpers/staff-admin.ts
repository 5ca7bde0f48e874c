// Test support: an account of any role with a password, signed in through the real form; staff sessions are completed
// directly, standing in for the second factor that staff sign-in asks.
import assert from 'node:assert/strict';
import type { Account, Role } from '../../src/accounts/types.ts';
import type { ServerHarness } from './server.ts';
import { visitor, type Visitor } from './visitor.ts';

export const strongPassword = 'paard-batterij-nietje-correct';

/** An active account made as the `users create` command makes one, its password set through its single-use link. */
export async function activeAccount(s: ServerHarness, email: string, role: Role, names: { firstName?: string; lastName?: string } = {}): Promise<Account> {
  const { account, link } = await s.portal.accounts.createAccount({ email, role, actor: 'test', ...names });
  const token = new URL(link).pathname.split('/').pop()!;
  await s.portal.accounts.resetPassword(token, strongPassword, 'set_password');
  return s.portal.accounts.getAccount(account.id);
}

/** Signs in through the form; a session left at the password stage (staff) is completed as the second factor would. */
export async function signIn(s: ServerHarness, email: string): Promise<Visitor> {
  const v = visitor(s.url);
  await v.get('/-/account/login');
  const response = await v.post('/-/account/login', { email, password: strongPassword });
  assert.equal(response.status, 303, `${email} signs in`);
  const token = v.cookie!.split('=')[1];
  const session = await s.portal.accounts.session(token);
  if (session?.stage === 'password') await s.portal.accounts.completeSession(session.id);
  assert.equal((await v.get('/-/account')).status, 200, `${email} has a complete session`);
  return v;
}

/** A new account of this role, signed in. */
export async function signedIn(s: ServerHarness, email: string, role: Role, names: { firstName?: string; lastName?: string } = {}): Promise<{ v: Visitor; account: Account }> {
  const account = await activeAccount(s, email, role, names);
  return { v: await signIn(s, email), account };
}
