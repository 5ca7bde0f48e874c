// The rules of accounts: registration with verified email, sign-in with throttling, sessions, single-use links, profile.
import { type Language, languagePrefix } from '../i18n/index.ts';
import type { Audience } from '../catalog/service.ts';
import type { Clock } from '../clock.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooMany } from '../errors.ts';
import type { EventStore } from '../events/store.ts';
import type { Mailer } from '../mail/outbox.ts';
import { accountMails, type AccountMail } from './mail.ts';
import type { MailLimits } from './mail-limits.ts';
import { hashPassword, passwordProblem, verifyDecoy, verifyPassword, WeakPassword } from './passwords.ts';
import { digest, newId, newToken } from './secrets.ts';
import { isUniqueViolation, toAccount, type AccountStore } from './store.ts';
import type { Throttle } from './throttle.ts';
import { roles, staffRoles, type Account, type Role, type Session, type SessionInfo, type TokenPurpose } from './types.ts';

const tokenHours: Record<TokenPurpose, number> = { verify_email: 48, reset_password: 1, change_email: 24, set_password: 72 };
const emailPattern = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

interface StatementVersion {
  version: string;
  digest: string;
}

interface AccountServiceDeps {
  store: AccountStore;
  events: EventStore;
  clock: Clock;
  mailer: Mailer;
  throttle: Throttle;
  /** Mails to a typed address, counted per address and per client before they are written. */
  mailLimits: MailLimits;
  config: { baseUrl: string; portalName: string; sessionIdleMinutes: number; sessionMaxHours: number; defaultLanguage: Language };
  /** The privacy statement a person accepts when registering. */
  statement: () => Promise<StatementVersion>;
  /** The restricted datasets a person was granted (the grants are the administration's table). */
  grantedDatasets: (userId: string) => Promise<Set<string>>;
}

export type AccountService = ReturnType<typeof createAccountService>;

/** A sign-in that went wrong, in words that do not say whether the account exists. */
class SignInFailed extends Invalid {
  constructor() {
    super('The email address or password is not right, or the account is not active yet.', 'sign_in_failed');
  }
}

function checkName(value: string, what: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 100) throw new Invalid(`${what} must have 1 to 100 characters.`, 'name_invalid');
  if (/[<>\u0000-\u001f]/.test(name)) throw new Invalid(`${what} may not hold < > or control characters.`, 'name_invalid');
  return name;
}

export function checkEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 320 || !emailPattern.test(email)) throw new Invalid('Enter a valid email address, such as name@example.org.', 'email_invalid');
  return email;
}

export function needsSecondFactor(account: Pick<Account, 'role' | 'totpEnabledAt'>): boolean {
  return account.totpEnabledAt !== null || staffRoles.includes(account.role);
}

export function createAccountService(deps: AccountServiceDeps) {
  const { store, clock, mailer } = deps;
  const now = () => clock().toISOString();
  const base = deps.config.baseUrl.replace(/\/$/, '');
  const link = (lang: Language, path: string) => `${base}${languagePrefix(lang, deps.config.defaultLanguage)}${path}`;
  // Every account mail answers something the person did (registered, asked for a link, changed an address).
  const send = (to: string, mail: AccountMail) => mailer.send({ to, ...mail, reply: true });

  async function issueToken(userId: string, purpose: TokenPurpose, newEmail: string | null = null): Promise<string> {
    const token = newToken();
    const at = clock();
    await store.voidTokens(userId, purpose, at.toISOString());
    await store.insertToken({
      id: digest(token),
      user_id: userId,
      purpose,
      new_email: newEmail,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + tokenHours[purpose] * 3_600_000).toISOString(),
    });
    return token;
  }

  const invalidLink = () =>
    new Invalid('This link is not valid any more: it was used already, it expired, or it was replaced by a newer one. Ask for a new link.', 'link_invalid');

  /** A link's row and account while it is usable; expired, used or unknown links are one and the same error. */
  async function peek(token: string, purpose: TokenPurpose) {
    const row = await store.tokenById(digest(token));
    if (!row || row.purpose !== purpose || row.used_at !== null || row.expires_at <= now()) throw invalidLink();
    const user = await store.userById(row.user_id);
    if (!user) throw invalidLink();
    return { row, user };
  }

  /** Uses a single-use link once; `check` runs first, so a form error does not spend the link. */
  async function redeem(token: string, purpose: TokenPurpose, check?: (user: Awaited<ReturnType<typeof peek>>['user']) => Promise<void>) {
    const found = await peek(token, purpose);
    await check?.(found.user);
    if (!(await store.useToken(found.row.id, now()))) throw invalidLink();
    return found;
  }

  async function checkNewPassword(password: string, account: { email: string; first_name: string; last_name: string }): Promise<void> {
    const problem = await passwordProblem(password, [account.email, account.email.split('@')[0], account.first_name, account.last_name]);
    if (problem) throw new WeakPassword(problem);
  }

  async function newPasswordHash(password: string, account: { email: string; first_name: string; last_name: string }): Promise<string> {
    await checkNewPassword(password, account);
    return hashPassword(password);
  }

  /** Counts an attempt under the sign-in limits before a password is checked: TooMany once the limit is reached. */
  async function reserveAttempt(accountKey: string, address: string): Promise<void> {
    const wait = await deps.throttle.reserve(accountKey, address);
    if (wait > 0) throw new TooMany(`Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minutes.`, 'too_many_attempts');
  }

  /**
   * A signed-in person's password asked again (to change it, the address, or to delete the account), counted under the
   * sign-in limits before argon2 runs: whoever holds a session cannot guess the password through these forms either.
   */
  async function passwordIsRight(user: { email: string | null; id: string; password_hash: string | null }, password: string, address: string): Promise<boolean> {
    const accountKey = user.email ?? user.id;
    await reserveAttempt(accountKey, address);
    const ok = user.password_hash !== null && (await verifyPassword(user.password_hash, password));
    if (ok) await deps.throttle.succeed(accountKey, address);
    return ok;
  }

  async function startSession(userId: string, stage: 'password' | 'complete'): Promise<string> {
    const token = newToken();
    const at = clock();
    await store.insertSession({
      id: digest(token),
      user_id: userId,
      stage,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
      expires_at: new Date(at.getTime() + deps.config.sessionMaxHours * 3_600_000).toISOString(),
    });
    return token;
  }

  return {
    /**
     * The same answer whether or not the address has an account: every rule of the form (the password's too) is checked
     * first for everyone, the mail is counted for everyone, the password is hashed for everyone; then a new address gets
     * a verification link, a known one a note to its owner.
     */
    async register(input: { firstName: string; lastName: string; email: string; password: string; acceptsStatement: boolean; lang: Language; address?: string }): Promise<void> {
      const firstName = checkName(input.firstName, 'First name');
      const lastName = checkName(input.lastName, 'Last name');
      const email = checkEmail(input.email);
      if (!input.acceptsStatement) throw new Invalid('To make an account, accept the privacy statement.', 'accept_statement');
      await checkNewPassword(input.password, { email, first_name: firstName, last_name: lastName });
      // Counted before the costly hash, so a refused flood costs no argon2; hashed for known addresses too (same work).
      await deps.mailLimits.reserve(email, input.address ?? null);
      const passwordHash = await hashPassword(input.password);
      const alreadyRegistered = async () => {
        const existing = (await store.userByEmail(email))!;
        const token = await issueToken(existing.id, 'reset_password');
        await send(email, accountMails.alreadyRegistered(input.lang, { portal: deps.config.portalName, firstName: existing.first_name, resetLink: link(input.lang, `/-/account/reset/${token}`) }));
      };
      if (await store.userByEmail(email)) return alreadyRegistered();
      // Before any row is written: the statement accepted is the one published now.
      const statement = await deps.statement();
      const at = now();
      const id = newId('u');
      try {
        await store.insertUser({
          id, email, first_name: firstName, last_name: lastName, display_name: null, password_hash: passwordHash, password_changed_at: at,
          role: 'user', email_verified_at: null, totp_secret: null, totp_enabled_at: null, totp_last_step: null, created_at: at, last_active_at: at, disabled_at: null,
        });
      } catch (error) {
        // Two registrations of one new address at once: the later one is the known-address case, not a 500.
        if (isUniqueViolation(error)) return alreadyRegistered();
        throw error;
      }
      await store.insertConsent({ user_id: id, purpose: 'privacy_statement', statement_version: statement.version, statement_digest: statement.digest, method: 'registration_form', language: input.lang, given_at: at });
      await deps.events.record(clock(), { actor: id, verb: 'account.registered', subjectType: 'user', subjectId: id });
      const token = await issueToken(id, 'verify_email');
      await send(email, accountMails.verify(input.lang, { portal: deps.config.portalName, firstName, link: link(input.lang, `/-/account/verify/${token}`), hours: tokenHours.verify_email }));
    },

    async verifyEmail(token: string): Promise<Account> {
      const { user } = await redeem(token, 'verify_email');
      await store.updateUser(user.id, { email_verified_at: now() });
      await deps.events.record(clock(), { actor: user.id, verb: 'account.verified', subjectType: 'user', subjectId: user.id });
      return toAccount({ ...user, email_verified_at: now() });
    },

    /** Returns a session token; `stage` says whether a second factor is still due. */
    async signIn(input: { email: string; password: string; address: string }): Promise<{ token: string; stage: 'password' | 'complete'; account: Account }> {
      const email = input.email.trim().toLowerCase();
      // Counted before the password is checked: parallel guesses get no more checks than the limit.
      await reserveAttempt(email, input.address);
      const user = await store.userByEmail(email);
      const ok = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : (await verifyDecoy(input.password), false);
      if (!user || !ok || user.email_verified_at === null || user.disabled_at !== null) throw new SignInFailed();
      await deps.throttle.succeed(email, input.address);
      const account = toAccount(user);
      const stage = needsSecondFactor(account) ? 'password' : 'complete';
      await store.updateUser(user.id, { last_active_at: now() });
      return { token: await startSession(user.id, stage), stage, account };
    },

    /** The session behind a cookie token, or null when unknown, idle too long, past its end or its account gone. */
    async session(token: string): Promise<(Session & { id: string }) | null> {
      const id = digest(token);
      const row = await store.sessionById(id);
      if (!row) return null;
      const at = clock();
      const idleSince = at.getTime() - new Date(row.last_seen_at).getTime();
      if (row.expires_at <= at.toISOString() || idleSince > deps.config.sessionIdleMinutes * 60_000) {
        await store.deleteSession(id);
        return null;
      }
      const user = await store.userById(row.user_id);
      if (!user || user.disabled_at !== null) return null;
      // Write at most once a minute: reading pages should not mean a write each time.
      if (idleSince > 60_000) {
        await store.touchSession(id, at.toISOString());
        await store.updateUser(user.id, { last_active_at: at.toISOString() });
      }
      return { id, account: toAccount(user), stage: row.stage as Session['stage'], createdAt: row.created_at, expiresAt: row.expires_at };
    },

    async completeSession(sessionId: string): Promise<void> {
      await store.setSessionStage(sessionId, 'complete');
    },

    /** A new token for the same sign-in, so a token seen before a privilege change is worthless after it. */
    async rotateSession(oldToken: string, stage: 'password' | 'complete'): Promise<string> {
      const row = await store.sessionById(digest(oldToken));
      if (!row) throw new Forbidden('Your session ended; sign in again.');
      await store.deleteSession(row.id);
      return startSession(row.user_id, stage);
    },

    signOut: (token: string) => store.deleteSession(digest(token)).then(() => undefined),

    async signOutEverywhere(userId: string, exceptToken?: string): Promise<void> {
      await store.deleteSessionsOf(userId, exceptToken ? digest(exceptToken) : undefined);
      await deps.events.record(clock(), { actor: userId, verb: 'account.signed_out_everywhere', subjectType: 'user', subjectId: userId });
    },

    async listSessions(userId: string, currentToken: string | null): Promise<SessionInfo[]> {
      const current = currentToken ? digest(currentToken) : null;
      return (await store.sessionsOf(userId)).map((s) => ({ id: s.id.slice(0, 8), current: s.id === current, createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at }));
    },

    /** The same answer for any address (limits included: they count every address); only a known, active one gets a link. */
    async requestPasswordReset(emailInput: string, lang: Language, address?: string): Promise<void> {
      const email = checkEmail(emailInput);
      await deps.mailLimits.reserve(email, address ?? null);
      const user = await store.userByEmail(email);
      if (!user || user.disabled_at !== null) return;
      const token = await issueToken(user.id, 'reset_password');
      await send(email, accountMails.reset(lang, { portal: deps.config.portalName, firstName: user.first_name, link: link(lang, `/-/account/reset/${token}`), minutes: tokenHours.reset_password * 60 }));
    },

    /** Sets the password from a reset or set-password link; every session of the account ends. */
    async resetPassword(token: string, password: string, purpose: 'reset_password' | 'set_password' = 'reset_password'): Promise<Account> {
      let hash = '';
      const { user } = await redeem(token, purpose, async (owner) => {
        hash = await newPasswordHash(password, owner);
      });
      const at = now();
      // Following a mailed link proves the address too.
      await store.updateUser(user.id, { password_hash: hash, password_changed_at: at, email_verified_at: user.email_verified_at ?? at });
      await store.deleteSessionsOf(user.id);
      await deps.events.record(clock(), { actor: user.id, verb: 'account.password_reset', subjectType: 'user', subjectId: user.id });
      return toAccount({ ...user, password_hash: hash });
    },

    /** Whether a link is still usable, to show the form or say it is not (without using it). */
    async linkIsValid(token: string, purpose: TokenPurpose): Promise<boolean> {
      const row = await store.tokenById(digest(token));
      return !!row && row.purpose === purpose && row.used_at === null && row.expires_at > now();
    },

    /** The address a usable change-of-address link moves the account to; null when the link is not usable. */
    async pendingEmail(token: string): Promise<string | null> {
      const row = await store.tokenById(digest(token));
      return row && row.purpose === 'change_email' && row.used_at === null && row.expires_at > now() ? row.new_email : null;
    },

    async changePassword(userId: string, current: string, next: string, keepToken: string, address: string): Promise<void> {
      const user = await store.userById(userId);
      if (!user || !(await passwordIsRight(user, current, address))) throw new Invalid('The current password is not right.', 'wrong_password');
      const hash = await newPasswordHash(next, user);
      await store.updateUser(userId, { password_hash: hash, password_changed_at: now() });
      await store.deleteSessionsOf(userId, digest(keepToken));
      await deps.events.record(clock(), { actor: userId, verb: 'account.password_changed', subjectType: 'user', subjectId: userId });
    },

    /** Re-authentication before something that cannot be undone (deleting the account). */
    async confirmPassword(userId: string, password: string, address: string): Promise<void> {
      const user = await store.userById(userId);
      if (!user || !(await passwordIsRight(user, password, address))) throw new Invalid('The password is not right.', 'wrong_password');
    },

    async updateProfile(userId: string, input: { firstName: string; lastName: string; displayName: string }): Promise<void> {
      const display = input.displayName.trim();
      await store.updateUser(userId, {
        first_name: checkName(input.firstName, 'First name'),
        last_name: checkName(input.lastName, 'Last name'),
        display_name: display === '' ? null : checkName(display, 'Display name'),
      });
      await deps.events.record(clock(), { actor: userId, verb: 'account.profile_updated', subjectType: 'user', subjectId: userId });
    },

    /** Sends a link to the new address; the change happens when it is followed. */
    /** Returns the new address as it will be stored, so the answer can name it (the same for a taken address). */
    async requestEmailChange(userId: string, newEmailInput: string, password: string, lang: Language, address: string): Promise<string> {
      const user = await store.userById(userId);
      if (!user || !(await passwordIsRight(user, password, address))) throw new Invalid('The password is not right.', 'wrong_password');
      const email = checkEmail(newEmailInput);
      if (email === user.email) throw new Invalid('That is already your email address.', 'same_email');
      // Counted for taken addresses too, so the limit does not tell them apart.
      await deps.mailLimits.reserve(email, address ?? null);
      // Taken addresses get no link, but the answer is the same, so no one learns who has an account.
      if (await store.userByEmail(email)) return email;
      const token = await issueToken(userId, 'change_email', email);
      await send(email, accountMails.changeEmail(lang, { portal: deps.config.portalName, firstName: user.first_name, email, link: link(lang, `/-/account/email/${token}`), hours: tokenHours.change_email }));
      return email;
    },

    async confirmEmailChange(token: string, lang: Language): Promise<Account> {
      const { row, user } = await redeem(token, 'change_email');
      const email = row.new_email!;
      if (await store.userByEmail(email)) throw new Conflict('Another account uses this address now.', 'email_taken');
      await store.updateUser(user.id, { email, email_verified_at: now() });
      await send(user.email, accountMails.emailChanged(lang, { portal: deps.config.portalName, firstName: user.first_name, email }));
      await deps.events.record(clock(), { actor: user.id, verb: 'account.email_changed', subjectType: 'user', subjectId: user.id });
      return toAccount({ ...user, email });
    },

    /**
     * An account made by an operator (the first admin): no password anywhere; returns a single-use link to set one.
     * The names start as the address's local part and can be corrected on the account page.
     */
    async createAccount(input: { email: string; role: Role; firstName?: string; lastName?: string; actor: string }): Promise<{ account: Account; link: string }> {
      const email = checkEmail(input.email);
      if (!roles.includes(input.role)) throw new Invalid(`Role must be one of ${roles.join(', ')}.`);
      if (await store.userByEmail(email)) throw new Conflict(`An account with ${email} exists already.`);
      const local = email.split('@')[0];
      const at = now();
      const id = newId('u');
      const row = {
        id, email, first_name: checkName(input.firstName ?? local, 'First name'), last_name: checkName(input.lastName ?? '-', 'Last name'), display_name: null,
        password_hash: null, password_changed_at: null, role: input.role, email_verified_at: null, totp_secret: null, totp_enabled_at: null, totp_last_step: null,
        created_at: at, last_active_at: at, disabled_at: null,
      };
      await store.insertUser(row);
      await deps.events.record(clock(), { actor: input.actor, verb: 'account.created', subjectType: 'user', subjectId: id, data: { role: input.role } });
      const token = await issueToken(id, 'set_password');
      return { account: toAccount(row), link: `${base}/-/account/reset/${token}?purpose=set_password` };
    },

    async listAccounts(): Promise<Account[]> {
      return (await store.listUsers()).map(toAccount);
    },

    async getAccount(id: string): Promise<Account> {
      const user = await store.userById(id);
      if (!user) throw new NotFound('There is no such account.');
      return toAccount(user);
    },

    /** Whether an address is an account holder's: their own, or one whose local part names them (jan.peeters@…). */
    async addressNamesAccountHolder(email: string): Promise<boolean> {
      const address = email.trim().toLowerCase();
      if (await store.userByEmail(address)) return true;
      return store.nameAmong(address.split('@')[0].split(/[._+-]+/).filter((w) => w !== ''));
    },

    /** What a signed-in person may read: staff every restricted dataset, others what they were granted. */
    async audienceOf(account: Account | null): Promise<Audience> {
      if (!account || account.disabledAt !== null) return { seesRestricted: false };
      if (staffRoles.includes(account.role) && account.role !== 'dpo') return { seesRestricted: true };
      return { seesRestricted: false, granted: await deps.grantedDatasets(account.id) };
    },
  };
}
