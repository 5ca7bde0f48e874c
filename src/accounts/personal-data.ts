// The accounts' personal data for the registry: profile and links, sign-in security, API keys, consents.
// Exporters leave secrets out (password hash, TOTP secret, digests, session ids); erasers follow the map; the retention
// steps remove the due rows of these tables.
import { sql } from 'kysely';
import { eraseColumn } from '../personal-data/erase-columns.ts';
import { sweepTable } from '../personal-data/retention.ts';
import { countersOf } from './attempts.ts';
import type { ErasureLine, PersonalDataModule, RegistryContext } from '../personal-data/registry.ts';

/** The person's own rows are theirs; anyone else in a shared record is named by role only. */
export const someoneElse = 'a staff member';

const ref = sql.ref;

export const accountModule: PersonalDataModule = {
  name: 'account',
  tables: ['users', 'account_tokens'],
  async subjectIds({ db }) {
    return (await db.selectFrom('users').select('id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    const links = await db.selectFrom('account_tokens').select(['purpose', 'new_email', 'created_at', 'expires_at', 'used_at']).where('user_id', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        profile: user
          ? {
              email: user.email,
              firstName: user.first_name,
              lastName: user.last_name,
              displayName: user.display_name,
              role: user.role,
              emailVerifiedAt: user.email_verified_at,
              createdAt: user.created_at,
              lastActiveAt: user.last_active_at,
              disabledAt: user.disabled_at,
              password: user.password_hash ? { set: true, lastChangedAt: user.password_changed_at } : { set: false },
              twoFactor: user.totp_enabled_at ? { enabled: true, enabledSince: user.totp_enabled_at } : { enabled: false },
            }
          : null,
        singleUseLinks: links.map((l) => ({ purpose: l.purpose, newEmail: l.new_email, createdAt: l.created_at, expiresAt: l.expires_at, usedAt: l.used_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'account_tokens', column: 'user_id', value: userId, owns: true, pseudonym }),
      // Last: the account row goes whole (every personal column of users is `delete` in the map).
      await eraseColumn(ctx, { table: 'users', column: 'email', matchColumn: 'id', value: userId, owns: true, pseudonym }),
    ];
  },
  // The account itself goes by the inactivity rule, which the privacy office runs (it warns, then erases everything).
  retentionSteps: () => ({
    // Expired or used, a grace period ago: a dead link holds nothing worth a hold.
    link: ({ db, cutoff, dryRun }) =>
      sweepTable(db, 'account_tokens', sql`${ref('expires_at')} <= ${cutoff} or (${ref('used_at')} is not null and ${ref('used_at')} <= ${cutoff})`, null, dryRun),
  }),
};

/** The person's attempt counters, as one line of the report. */
async function eraseCounters(ctx: RegistryContext, keys: string[], pseudonym: string): Promise<ErasureLine> {
  let rows = 0;
  for (const value of keys) rows += (await eraseColumn(ctx, { table: 'attempt_counters', column: 'key', value, owns: true, pseudonym })).rows;
  return { table: 'attempt_counters', column: 'key', action: 'delete', rows };
}

export const securityModule: PersonalDataModule = {
  name: 'sign-in security',
  tables: ['sessions', 'recovery_codes', 'attempt_counters'],
  async subjectIds({ db }) {
    return (await db.selectFrom('sessions').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db, key }, { userId, email }) {
    const counters = await db.selectFrom('attempt_counters').select(['attempts', 'expires_at']).where('key', 'in', countersOf(key(), { userId, email })).execute();
    const sessions = await db.selectFrom('sessions').select(['stage', 'created_at', 'last_seen_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute();
    const codes = await db.selectFrom('recovery_codes').select(['used_at', 'created_at']).where('user_id', '=', userId).execute();
    return {
      items: {
        sessions: sessions.map((s) => ({ stage: s.stage, createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at })),
        recoveryCodes: { count: codes.length, unused: codes.filter((c) => c.used_at === null).length, createdAt: codes[0]?.created_at ?? null },
        // Counters by client address are not listed: they cannot be told apart from other people's on the same address.
        attemptCounters: counters.map((c) => ({ attempts: Number(c.attempts), until: c.expires_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, email, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'sessions', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'recovery_codes', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseCounters(ctx, countersOf(ctx.key(), { userId, email }), pseudonym),
    ];
  },
  retentionSteps: (config) => ({
    // Past its absolute end or idle too long: the session is over whatever the account's hold says.
    session: ({ db, now, cutoff, dryRun }) => {
      const idleSince = new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString();
      return sweepTable(db, 'sessions', sql`${ref('expires_at')} <= ${cutoff} or ${ref('last_seen_at')} <= ${idleSince}`, null, dryRun);
    },
    // A counter past its window counts nothing any more.
    attempts: ({ db, cutoff, dryRun }) => sweepTable(db, 'attempt_counters', sql`${ref('attempt_counters.expires_at')} <= ${cutoff}`, null, dryRun),
  }),
};

export const apiKeysModule: PersonalDataModule = {
  name: 'api keys',
  tables: ['api_keys'],
  async subjectIds({ db }) {
    return (await db.selectFrom('api_keys').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const keys = await db.selectFrom('api_keys').select(['name', 'prefix', 'created_at', 'expires_at', 'last_used_at', 'revoked_at', 'revoked_by']).where('user_id', '=', userId).orderBy('created_at').execute();
    return {
      items: {
        apiKeys: keys.map((k) => ({
          name: k.name,
          prefix: k.prefix,
          createdAt: k.created_at,
          expiresAt: k.expires_at,
          lastUsedAt: k.last_used_at,
          revokedAt: k.revoked_at,
          revokedBy: k.revoked_by === null ? null : k.revoked_by === userId ? 'you' : someoneElse,
        })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [
      await eraseColumn(ctx, { table: 'api_keys', column: 'user_id', value: userId, owns: true, pseudonym }),
      await eraseColumn(ctx, { table: 'api_keys', column: 'revoked_by', value: userId, owns: false, pseudonym }),
    ];
  },
};

export const consentsModule: PersonalDataModule = {
  name: 'consents',
  tables: ['consents'],
  async subjectIds({ db }) {
    return (await db.selectFrom('consents').select('user_id as id').distinct().execute()).map((r) => r.id);
  },
  async exportFor({ db }, { userId }) {
    const rows = await db.selectFrom('consents').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    return {
      items: {
        consents: rows.map((c) => ({ purpose: c.purpose, statementVersion: c.statement_version, method: c.method, language: c.language, givenAt: c.given_at, withdrawnAt: c.withdrawn_at })),
      },
    };
  },
  async eraseFor(ctx, { userId, pseudonym }) {
    return [await eraseColumn(ctx, { table: 'consents', column: 'user_id', value: userId, owns: true, pseudonym })];
  },
  retentionSteps: () => ({
    // Proofs of consent outlive their account only pseudonymised; those go after the period, an account's own stay with it.
    consent_proof: ({ db, cutoff, dryRun, held }) =>
      sweepTable(
        db,
        'consents',
        sql`${ref('given_at')} <= ${cutoff} and not exists (select 1 from users u where u.id = ${ref('consents.user_id')})`,
        held('user', 'consents.user_id'),
        dryRun,
      ),
  }),
};
