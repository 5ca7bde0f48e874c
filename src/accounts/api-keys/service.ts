// The rules of API keys: made with a name and a lifetime, shown once, kept as a digest, revocable at once by owner or admin.
import type { Clock } from '../../clock.ts';
import { Forbidden, Invalid, NotFound } from '../../errors.ts';
import type { EventStore } from '../../events/store.ts';
import type { ApiKeyStore } from './store.ts';
import { digest, newId, newToken, sameText } from '../secrets.ts';
import { toAccount, type AccountStore } from '../store.ts';
import type { Account, ApiKeyInfo } from '../types.ts';

/** `opaal_` makes a leaked key recognisable to secret scanners; 32 random bytes in base64url follow. */
const keyPattern = /^opaal_[A-Za-z0-9_-]{43}$/;
/** What the owner sees of a key afterwards: enough to tell keys apart, far too little to use one. */
const prefixLength = 10;
export const defaultKeyDays = 90;
/** A guard against scripts that make keys in a loop; nobody needs more at once. */
const maxUsableKeys = 25;
/** `last_used_at` is a date for people to read, not a log: one write a minute at most. */
const touchEveryMs = 60_000;

interface ApiKeyServiceDeps {
  store: ApiKeyStore;
  accounts: AccountStore;
  events: EventStore;
  clock: Clock;
  config: { apiKeyMaxDays: number };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

export function createApiKeyService(deps: ApiKeyServiceDeps) {
  const { store, events, clock } = deps;

  function info(row: Awaited<ReturnType<ApiKeyStore['keysOf']>>[number], now: string): ApiKeyInfo {
    const state = row.revoked_at !== null ? 'revoked' : row.expires_at <= now ? 'expired' : 'active';
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
      revokedByAdmin: row.revoked_by !== null && row.revoked_by !== row.user_id,
      state,
    };
  }

  function checkName(value: string): string {
    const name = value.trim().replace(/\s+/g, ' ');
    if (name.length < 1 || name.length > 100 || /[<>\u0000-\u001f]/.test(name)) {
      throw new Invalid('Give the key a name of 1 to 100 characters, without < or >, so you know later what it is for.', 'api_key_name');
    }
    return name;
  }

  function checkDays(value: number | string | undefined): number {
    const max = deps.config.apiKeyMaxDays;
    if (value === undefined || value === '') return Math.min(defaultKeyDays, max);
    const days = typeof value === 'number' ? value : /^\s*[0-9]{1,5}\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(days) || days < 1 || days > max) {
      throw new Invalid(`A key lives 1 to ${max} days; choose a number of days in that range.`, 'api_key_days');
    }
    return days;
  }

  return {
    /** Makes a key; the returned `key` is the only time it exists outside the caller's hands. */
    async create(userId: string, input: { name: string; days?: number | string }): Promise<{ key: string; info: ApiKeyInfo }> {
      const name = checkName(input.name);
      const days = checkDays(input.days);
      const at = clock();
      const now = at.toISOString();
      const owner = await deps.accounts.userById(userId);
      if (!owner || owner.disabled_at !== null) throw new NotFound('There is no such account.');
      if ((await store.countUsable(userId, now)) >= maxUsableKeys) {
        throw new Invalid(`An account holds at most ${maxUsableKeys} working keys; revoke one you no longer use first.`, 'api_key_limit');
      }
      const key = `opaal_${newToken()}`;
      const row = {
        id: newId('k'),
        user_id: userId,
        name,
        prefix: key.slice(0, prefixLength),
        digest: digest(key),
        created_at: now,
        expires_at: new Date(at.getTime() + days * 86_400_000).toISOString(),
      };
      await store.insertKey(row);
      await events.record(at, { actor: userId, verb: 'api_key.created', subjectType: 'api_key', subjectId: row.id, data: { days } });
      return { key, info: info({ ...row, last_used_at: null, revoked_at: null, revoked_by: null }, now) };
    },

    /** Every key of an account, newest first, with its state now: for the owner's page and for admins. */
    async listKeysOf(userId: string): Promise<ApiKeyInfo[]> {
      const now = clock().toISOString();
      return (await store.keysOf(userId)).map((row) => info(row, now));
    },

    /** The owner revokes one of their keys; someone else's key id is as unknown as a made-up one. */
    async revoke(userId: string, keyId: string): Promise<void> {
      const row = await store.keyById(keyId);
      if (!row || row.user_id !== userId) throw new NotFound('There is no such API key.', 'api_key_unknown');
      if (!(await store.revokeKey(keyId, clock().toISOString(), userId))) return;
      await events.record(clock(), { actor: userId, verb: 'api_key.revoked', subjectType: 'api_key', subjectId: keyId });
    },

    /** An administrator revokes any key, e.g. one seen leaked or misused (Opendatasoft has no such thing). */
    async revokeByAdmin(adminId: string, keyId: string): Promise<void> {
      const admin = await deps.accounts.userById(adminId);
      if (!admin || admin.role !== 'admin' || admin.disabled_at !== null) throw new Forbidden('Only an administrator may revoke the keys of others.');
      const row = await store.keyById(keyId);
      if (!row) throw new NotFound('There is no such API key.', 'api_key_unknown');
      if (!(await store.revokeKey(keyId, clock().toISOString(), adminId))) return;
      await events.record(clock(), { actor: adminId, verb: 'api_key.revoked_by_admin', subjectType: 'api_key', subjectId: keyId });
    },

    /**
     * The account a key acts for, or null for an unknown, revoked or expired key or an owner who is disabled or
     * unverified. Read from the database on every request, so a revocation counts from the next request on.
     */
    async authenticate(key: string): Promise<{ account: Account; keyId: string } | null> {
      if (!keyPattern.test(key)) return null;
      const keyDigest = digest(key);
      const row = await store.keyByDigest(keyDigest);
      // The lookup is by digest, so its timing tells nothing about the key; the compare is constant-time all the same.
      if (!row || !sameText(row.digest, keyDigest)) return null;
      const at = clock();
      if (row.revoked_at !== null || row.expires_at <= at.toISOString()) return null;
      const owner = await deps.accounts.userById(row.user_id);
      if (!owner || owner.disabled_at !== null || owner.email_verified_at === null) return null;
      if (!row.last_used_at || at.getTime() - new Date(row.last_used_at).getTime() >= touchEveryMs) {
        await store.touchKey(row.id, at.toISOString());
      }
      return { account: toAccount(owner), keyId: row.id };
    },
  };
}
