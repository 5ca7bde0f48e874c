// The rules of the second factor: enrolment confirmed by a code, sign-in with a TOTP code or a recovery code, no replay, throttling.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooMany } from '../../errors.ts';
import type { EventStore } from '../../events/store.ts';
import { verifyPassword } from '../passwords.ts';
import type { SecretBox } from '../secret-box.ts';
import { checksRun } from '../checks-run.ts';
import { digest } from '../secrets.ts';
import type { Throttle } from '../throttle.ts';
import { base32Decode, matchingStep, newTotpSecret, otpauthUri } from './totp.ts';
import type { TwoFactorStore } from './store.ts';
import { staffRoles, type Account } from '../types.ts';

/** Wrong codes a sign-in may give before its session ends. */
const codesPerSession = 5;
const recoveryCodeCount = 10;
// Crockford's base32: no i, l, o or u, so a code read aloud or copied by hand survives.
const recoveryAlphabet = '0123456789abcdefghjkmnpqrstvwxyz';

interface TwoFactorDeps {
  store: TwoFactorStore;
  events: EventStore;
  box: SecretBox;
  clock: Clock;
  /** Wrong codes per account and per address, apart from the per-session limit. */
  throttle: Throttle;
  /** The name authenticator apps show beside the code. */
  issuer: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** Staff must keep it on. */
  required: boolean;
  recoveryCodesLeft: number;
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

class CodeInvalid extends Invalid {
  constructor() {
    super('The code is not right, or it was used already. Enter the code your app shows now, or an unused recovery code.', 'code_invalid');
  }
}

/** 12 characters (60 random bits) shown as xxxx-xxxx-xxxx. */
function newRecoveryCode(): string {
  const chars = [...randomBytes(12)].map((b) => recoveryAlphabet[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** A recovery code as typed: any case, with or without dashes and spaces, i/l read as 1 and o as 0. */
function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0');
}

export function createTwoFactorService(deps: TwoFactorDeps) {
  const { store, box, clock, throttle } = deps;
  const now = () => clock().toISOString();
  const event = (userId: string, verb: string, data?: Record<string, unknown>) =>
    deps.events.record(clock(), { actor: userId, verb, subjectType: 'user', subjectId: userId, data });

  async function user(userId: string) {
    const row = await store.userById(userId);
    if (!row) throw new NotFound('There is no such account.');
    return row;
  }
  const keyOf = (row: { id: string; totp_secret: string | null }) => (row.totp_secret ? base32Decode(box.open(row.totp_secret, row.id)) : null);

  async function issueRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await store.replaceRecoveryCodes(userId, codes.map((c) => digest(normaliseRecoveryCode(c))), now());
    return codes;
  }

  /** Counts an attempt for the account and address before anything is checked; refuses when the limit is reached. */
  async function reserve(userId: string, address: string): Promise<void> {
    const wait = await throttle.reserve(userId, address);
    if (wait > 0) throw new TooMany(`Too many wrong codes. Try again in ${Math.ceil(wait / 60)} minutes.`, 'too_many_attempts');
  }

  /** Checks a code against an enabled second factor: a TOTP code once per step, or a recovery code once. */
  async function check(userId: string, code: string, address: string): Promise<'totp' | 'recovery'> {
    await reserve(userId, address);
    const row = await user(userId);
    if (!row.totp_enabled_at) throw new Conflict('Two-step verification is not on for this account.', 'two_factor_off');
    const given = code.replace(/[\s-]/g, '');
    checksRun.secondFactor++;
    if (/^[0-9]{6}$/.test(given)) {
      const key = keyOf(row);
      const step = key ? matchingStep(key, given, clock()) : null;
      if (step !== null && (await store.useStep(userId, step))) {
        await throttle.succeed(userId, address);
        return 'totp';
      }
    } else if (given.length >= 12 && given.length <= 20) {
      if (await store.useRecoveryCode(userId, digest(normaliseRecoveryCode(given)), now())) {
        await throttle.succeed(userId, address);
        await event(userId, 'account.recovery_code_used', { left: await store.recoveryCodesLeft(userId) });
        return 'recovery';
      }
    }
    throw new CodeInvalid();
  }

  /** Confirms a pending secret with a code from the app, turns it on, and returns fresh recovery codes. */
  async function enable(account: Account, code: string): Promise<string[]> {
    const row = await user(account.id);
    if (row.totp_enabled_at) throw new Conflict('Two-step verification is on already.', 'two_factor_on');
    const key = keyOf(row);
    if (!key) throw new Invalid('Start setting up two-step verification again.', 'two_factor_not_started');
    const step = matchingStep(key, code.replace(/\s/g, ''), clock());
    if (step === null) throw new CodeInvalid();
    // The confirming code counts as used: it cannot sign in a second time.
    if (!(await store.enable(account.id, now(), step))) throw new Conflict('Two-step verification is on already.', 'two_factor_on');
    const codes = await issueRecoveryCodes(account.id);
    await event(account.id, 'account.two_factor_enabled');
    return codes;
  }

  return {
    async status(account: Account): Promise<TwoFactorStatus> {
      const row = await user(account.id);
      return {
        enabled: row.totp_enabled_at !== null,
        enabledAt: row.totp_enabled_at,
        required: staffRoles.includes(account.role),
        recoveryCodesLeft: row.totp_enabled_at ? await store.recoveryCodesLeft(account.id) : 0,
      };
    },

    /** The secret to enrol with, kept sealed until a code confirms it; the same one until then, so a scanned QR stays good. */
    async pendingSecret(account: Account): Promise<{ secret: string; uri: string }> {
      const row = await user(account.id);
      if (row.totp_enabled_at) throw new Conflict('Two-step verification is on already.', 'two_factor_on');
      let secret = row.totp_secret ? box.open(row.totp_secret, row.id) : null;
      if (!secret) {
        secret = newTotpSecret();
        if (!(await store.setPendingSecret(account.id, box.seal(secret, account.id)))) throw new Conflict('Two-step verification is on already.', 'two_factor_on');
      }
      return { secret, uri: otpauthUri({ secret, issuer: deps.issuer, account: account.email }) };
    },

    enable,

    /** Checks a code for an account whose second factor is on (sign-in, or before a change). */
    verify: check,

    /**
     * The second step of a sign-in: a code for an enabled factor, or, for staff who have none yet, the code that confirms
     * enrolment (then the new recovery codes are returned). Wrong codes end the session after `codesPerSession`.
     */
    async signInStep(session: { id: string; account: Account }, code: string, address: string): Promise<{ recoveryCodes: string[] | null }> {
      // The session's wrong codes are counted before the check too: a burst on one session gets `codesPerSession` checks.
      if (!(await store.reserveCode(session.id, codesPerSession))) {
        await store.deleteSession(session.id);
        throw new TooMany('Too many wrong codes: sign in again.', 'too_many_codes');
      }
      try {
        if (session.account.totpEnabledAt) {
          await check(session.account.id, code, address);
          return { recoveryCodes: null };
        }
        return { recoveryCodes: await enable(session.account, code) };
      } catch (error) {
        if (error instanceof CodeInvalid && (await store.failedCodes(session.id)) >= codesPerSession) {
          await store.deleteSession(session.id);
          throw new TooMany('Too many wrong codes: sign in again.', 'too_many_codes');
        }
        throw error;
      }
    },

    /** Users may turn it off with their password and a code; staff may not. */
    async disable(account: Account, password: string, code: string, address: string): Promise<void> {
      if (staffRoles.includes(account.role)) throw new Forbidden('Your role requires two-step verification; it cannot be turned off.', 'two_factor_required');
      const row = await user(account.id);
      await reserve(account.id, address);
      if (!row.password_hash || !(await verifyPassword(row.password_hash, password))) throw new Invalid('The password is not right.', 'wrong_password');
      await check(account.id, code, address);
      await store.disable(account.id);
      await store.deleteRecoveryCodes(account.id);
      await event(account.id, 'account.two_factor_disabled');
    },

    /** New recovery codes for a code from the app (or a recovery code); the old ones stop working. */
    async regenerateRecoveryCodes(account: Account, code: string, address: string): Promise<string[]> {
      await check(account.id, code, address);
      const codes = await issueRecoveryCodes(account.id);
      await event(account.id, 'account.recovery_codes_regenerated');
      return codes;
    },

    /** The secret in clear, for an operator's tooling and tests; never shown once enrolment is confirmed. */
    async secretOf(userId: string): Promise<string | null> {
      const row = await user(userId);
      return row.totp_secret ? box.open(row.totp_secret, row.id) : null;
    },
  };
}
