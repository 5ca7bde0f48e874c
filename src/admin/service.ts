// The rules of administration: roles, disabling accounts, revoking keys, access grants, and reading the audit log.
import { checkEmail } from '../accounts/service.ts';
import type { ApiKeyStore } from '../accounts/api-keys/store.ts';
import { toAccount, type AccountStore } from '../accounts/store.ts';
import { roles, type Account, type Role } from '../accounts/types.ts';
import { staffAudience, type CatalogService } from '../catalog/service.ts';
import type { Dataset } from '../catalog/types.ts';
import type { Clock } from '../clock.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import type { EventStore } from '../events/store.ts';
import type { AdminStore } from './store.ts';

const pageSize = 50;

type AccountState = 'pending' | 'active' | 'disabled';

/** Pending: the address is not confirmed or no password was chosen yet; such an account cannot sign in. */
export function stateOf(account: Pick<Account, 'disabledAt' | 'emailVerifiedAt' | 'hasPassword'>): AccountState {
  if (account.disabledAt !== null) return 'disabled';
  return account.emailVerifiedAt !== null && account.hasPassword ? 'active' : 'pending';
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  /** The actor's current address when the actor is an account that still exists; never stored in the event. */
  actorEmail: string | null;
  /** The actor's current role when the actor is an account that still exists: the log names people by role. */
  actorRole: string | null;
  verb: string;
  subjectType: string;
  subjectId: string;
  subjectEmail: string | null;
  data: Record<string, unknown>;
}

export interface AuditFilter {
  verb: string;
  /** An account id, or an address, which is looked up (the log itself holds ids only). */
  actor: string;
  subjectType: string;
  subject: string;
}

export type AdminService = ReturnType<typeof createAdminService>;

/** The administration owns the grants (its store); accounts, keys and the event log it reads and changes through their stores. */
interface AdminServiceDeps {
  store: AdminStore;
  accounts: AccountStore;
  apiKeys: ApiKeyStore;
  events: EventStore;
  catalog: CatalogService;
  clock: Clock;
}

export function createAdminService(deps: AdminServiceDeps) {
  const { store, accounts, apiKeys, events, clock } = deps;
  const now = () => clock().toISOString();
  const event = (actor: string, verb: string, userId: string, data: Record<string, unknown> = {}) =>
    events.record(clock(), { actor, verb, subjectType: 'user', subjectId: userId, data });

  async function user(id: string) {
    const row = await accounts.userById(id);
    if (!row) throw new NotFound('There is no such account.', 'no_such_account');
    return row;
  }

  async function restricted(datasetId: string): Promise<Dataset> {
    const dataset = await deps.catalog.getDataset(datasetId, staffAudience);
    // A public dataset has no access list: for the admin pages it is not there.
    if (dataset.visibility !== 'restricted') throw new NotFound('Access is granted to restricted datasets only; this one is public.', 'not_restricted');
    return dataset;
  }

  /** An address or an id as typed in a filter, as the id the log holds; an unknown address matches nothing. */
  async function idOf(text: string): Promise<string | null> {
    const value = text.trim();
    if (!value) return null;
    if (!value.includes('@')) return value;
    return (await accounts.userByEmail(value))?.id ?? '\u0000';
  }

  return {
    async listUsers(query: { q: string; role: string; page: number }) {
      const role = (roles as readonly string[]).includes(query.role) ? query.role : null;
      const { rows, total } = await accounts.searchUsers({ q: query.q.trim().slice(0, 100), role, limit: pageSize, offset: (query.page - 1) * pageSize });
      return { users: rows.map(toAccount), total, pages: Math.max(1, Math.ceil(total / pageSize)) };
    },

    async getUser(id: string) {
      const account = toAccount(await user(id));
      const keys: ApiKeyRow[] = (await apiKeys.keysOf(id)).map((k) => ({
        id: k.id, name: k.name, prefix: k.prefix, createdAt: k.created_at, expiresAt: k.expires_at, lastUsedAt: k.last_used_at, revokedAt: k.revoked_at, revokedBy: k.revoked_by,
      }));
      const grants = (await store.grantsOfUser(id)).map((g) => ({ datasetId: g.dataset_id, grantedBy: g.granted_by, grantedAt: g.granted_at }));
      return { account, keys, grants };
    },

    /**
     * A new role takes effect at the next sign-in: every session of the account ends, so no page
     * keeps acting with the old role. The last active admin cannot be demoted, by themselves or anyone.
     */
    async changeRole(actor: string, userId: string, roleInput: string): Promise<void> {
      if (!(roles as readonly string[]).includes(roleInput)) throw new Invalid(`Role must be one of ${roles.join(', ')}.`, 'role_invalid');
      const role = roleInput as Role;
      const row = await user(userId);
      if (row.role === role) return;
      if (!(await accounts.setRoleKeepingAnAdmin(userId, role))) {
        throw new Conflict('This is the last active admin account; make another account admin first.', 'last_admin');
      }
      await accounts.deleteSessionsOf(userId);
      await event(actor, 'account.role_changed', userId, { from: row.role, to: role });
    },

    /** A disabled account cannot sign in, its sessions end, and neither its keys nor its grants act any more. */
    async disable(actor: string, userId: string): Promise<void> {
      if (actor === userId) throw new Invalid('You cannot disable your own account; ask another admin.', 'self_disable');
      const row = await user(userId);
      if (row.disabled_at !== null) return;
      await accounts.setDisabled(userId, now());
      await accounts.deleteSessionsOf(userId);
      await event(actor, 'account.disabled', userId);
    },

    async enable(actor: string, userId: string): Promise<void> {
      const row = await user(userId);
      if (row.disabled_at === null) return;
      await accounts.setDisabled(userId, null);
      await event(actor, 'account.enabled', userId);
    },

    async revokeKey(actor: string, userId: string, keyId: string): Promise<void> {
      await user(userId);
      if (!(await apiKeys.revokeKeyOf(userId, keyId, now(), actor))) throw new NotFound('This account has no such active API key.', 'no_such_key');
      await event(actor, 'account.key_revoked', userId, { keyId });
    },

    /** Restricted datasets, each with how many people were granted access. */
    async restrictedDatasets(): Promise<{ dataset: Dataset; grants: number }[]> {
      const datasets = (await deps.catalog.listDatasets(staffAudience)).filter((d) => d.visibility === 'restricted');
      const counts = await store.grantCounts();
      return datasets.map((dataset) => ({ dataset, grants: counts.get(dataset.id) ?? 0 }));
    },

    async grantsOf(datasetId: string) {
      const dataset = await restricted(datasetId);
      const rows = new Map((await store.grantsOfDataset(datasetId)).map((g) => [g.user_id, g]));
      // In the order of the people's addresses; a grant goes with its account, so each finds its person.
      const grants = (await accounts.usersByIds([...rows.keys()])).map((u) => ({
        userId: u.id, email: u.email, firstName: u.first_name, lastName: u.last_name, grantedBy: rows.get(u.id)!.granted_by, grantedAt: rows.get(u.id)!.granted_at,
      }));
      return { dataset, grants };
    },

    /** Takes effect at the person's next request: their audience is read from the grants each time. */
    async grant(actor: string, datasetId: string, emailInput: string): Promise<void> {
      await restricted(datasetId);
      const person = await accounts.userByEmail(checkEmail(emailInput));
      if (!person) throw new Invalid('No account uses this address. The person registers first, then you grant access.', 'no_such_account');
      if (await store.hasGrant(datasetId, person.id)) throw new Conflict('This account has access to this dataset already.', 'already_granted');
      await store.insertGrant({ dataset_id: datasetId, user_id: person.id, granted_by: actor, granted_at: now() });
      // The person is the subject, the dataset a detail: identifiers of people stay in the actor and subject columns.
      await event(actor, 'dataset_grant.added', person.id, { datasetId });
    },

    async revokeGrant(actor: string, datasetId: string, userId: string): Promise<void> {
      await restricted(datasetId);
      if (!(await store.deleteGrant(datasetId, userId))) throw new NotFound('This account has no access to revoke.', 'no_such_grant');
      await event(actor, 'dataset_grant.removed', userId, { datasetId });
    },

    async auditLog(filter: AuditFilter, page: number) {
      const query = {
        verb: filter.verb.trim() || null,
        actor: await idOf(filter.actor),
        subjectType: filter.subjectType.trim() || null,
        subjectId: await idOf(filter.subject),
      };
      const { rows, total } = await events.search({ ...query, limit: pageSize, offset: (page - 1) * pageSize });
      const ids = new Set<string>();
      for (const r of rows) {
        ids.add(r.actor);
        if (r.subject_type === 'user') ids.add(r.subject_id);
      }
      const users = await accounts.usersByIds([...ids]);
      const emails = new Map(users.map((u) => [u.id, u.email]));
      const roles = new Map(users.map((u) => [u.id, u.role]));
      const entries: AuditEntry[] = rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actor: r.actor,
        actorEmail: emails.get(r.actor) ?? null,
        actorRole: roles.get(r.actor) ?? null,
        verb: r.verb,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        subjectEmail: r.subject_type === 'user' ? (emails.get(r.subject_id) ?? null) : null,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
      return { entries, total, pages: Math.max(1, Math.ceil(total / pageSize)), verbs: await events.verbs(), subjectTypes: await events.subjectTypes() };
    },
  };
}
