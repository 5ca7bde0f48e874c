// The admin's pages about accounts: the searchable list, and one account with its role, state, keys and grants.
import { roles, type Account } from '../../../accounts/types.ts';
import { stateOf, type ApiKeyRow } from '../../../admin/service.ts';
import { Pagination } from '../../components.tsx';
import { queryString, type PageContext } from '../../context.ts';
import { PostForm, RowAction } from '../../forms.tsx';
import { plural } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { AdminFrame, When } from './frame.tsx';

interface UsersQuery {
  q: string;
  role: string;
  page: number;
}

const usersQueryString = (query: UsersQuery, page = query.page) =>
  queryString([['q', query.q], ['role', query.role], ['page', page > 1 ? page : null]]);

export function usersPage(ctx: PageContext, query: UsersQuery, data: { users: Account[]; total: number; pages: number }): Html {
  const t = ctx.t.admin;
  return (
    <AdminFrame ctx={ctx} title={t.users} jsonTwin={ctx.link('/-/admin/users.json') + usersQueryString(query)}>
      <p>{t.usersIntro}</p>
      <form method="get" action={ctx.link('/-/admin/users')} class="inline" role="search">
        <label for="q">{t.searchLabel}</label>
        <input id="q" name="q" type="search" value={query.q} maxlength={100} />
        <label for="role">{t.role}</label>
        <select id="role" name="role">
          <option value="">{t.anyRole}</option>
          {roles.map((r) => <option value={r} selected={r === query.role}>{ctx.t.account.roles[r]}</option>)}
        </select>
        <button type="submit">{t.search}</button>
      </form>
      <p class="results-count">{plural(ctx.lang, data.total, t.usersCount)}</p>
      {data.users.length === 0 ? (
        <p>{t.noUsers}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.email}</th><th scope="col">{t.name}</th><th scope="col">{t.role}</th><th scope="col">{t.state}</th>
                <th scope="col">{t.twoFactor}</th><th scope="col">{t.created}</th><th scope="col">{t.lastActive}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((u) => (
                <tr>
                  <td><a href={ctx.link(`/-/admin/users/${u.id}`)}>{u.email}</a></td>
                  <td>{u.firstName} {u.lastName}</td>
                  <td>{ctx.t.account.roles[u.role]}</td>
                  <td>{t.states[stateOf(u)]}</td>
                  <td>{u.totpEnabledAt ? t.on : t.off}</td>
                  <td><When ctx={ctx} iso={u.createdAt} /></td>
                  <td><When ctx={ctx} iso={u.lastActiveAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination ctx={ctx} page={query.page} pages={data.pages} href={(p) => ctx.link('/-/admin/users') + usersQueryString(query, p)} />
    </AdminFrame>
  );
}

interface UserDetail {
  account: Account;
  keys: ApiKeyRow[];
  grants: { datasetId: string; grantedBy: string; grantedAt: string }[];
}

export function keyState(key: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now: Date): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt <= now.toISOString() ? 'expired' : 'active';
}

export function userPage(ctx: PageContext, data: UserDetail & { now: Date; done?: string | null; error?: string | null }): Html {
  const t = ctx.t.admin;
  const { account } = data;
  const base = `/-/admin/users/${account.id}`;
  const state = stateOf(account);
  return (
    <AdminFrame ctx={ctx} title={account.email} jsonTwin={ctx.link(`${base}.json`)} done={data.done} error={data.error}>
      <dl class="metadata">
        <dt>{t.id}</dt><dd><code>{account.id}</code></dd>
        <dt>{t.name}</dt><dd>{account.firstName} {account.lastName}</dd>
        <dt>{t.role}</dt><dd>{ctx.t.account.roles[account.role]}</dd>
        <dt>{t.state}</dt><dd>{t.states[state]}</dd>
        <dt>{t.twoFactor}</dt><dd>{account.totpEnabledAt ? t.on : t.off}</dd>
        <dt>{t.created}</dt><dd><When ctx={ctx} iso={account.createdAt} /></dd>
        <dt>{t.lastActive}</dt><dd><When ctx={ctx} iso={account.lastActiveAt} /></dd>
      </dl>
      <p><a href={ctx.link('/-/admin/audit') + queryString([['subject', account.id]])}>{t.eventsOf}</a></p>
      <div class="account-grid">
        <section aria-labelledby="role-change">
          <h2 id="role-change">{t.changeRole}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/role`)}>
            <div class="field">
              <label for="new-role">{t.role}</label>
              <p class="hint" id="new-role-hint">{t.roleHint}</p>
              <select id="new-role" name="role" aria-describedby="new-role-hint">
                {roles.map((r) => <option value={r} selected={r === account.role}>{ctx.t.account.roles[r]}</option>)}
              </select>
            </div>
            <button type="submit">{t.saveRole}</button>
          </PostForm>
        </section>
        <section aria-labelledby="access">
          <h2 id="access">{t.access}</h2>
          {state === 'disabled' ? (
            <PostForm ctx={ctx} action={ctx.link(`${base}/enable`)}>
              <button type="submit">{t.enable}</button>
            </PostForm>
          ) : (
            <PostForm ctx={ctx} action={ctx.link(`${base}/disable`)}>
              <p class="hint">{t.disableHint}</p>
              <button type="submit" class="secondary">{t.disable}</button>
            </PostForm>
          )}
        </section>
      </div>
      <section aria-labelledby="keys">
        <h2 id="keys">{t.keys}</h2>
        {data.keys.length === 0 ? <p>{t.noKeys}</p> : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.keyName}</th><th scope="col">{t.keyPrefix}</th><th scope="col">{t.created}</th><th scope="col">{t.keyExpires}</th>
                  <th scope="col">{t.keyLastUsed}</th><th scope="col">{t.state}</th><th scope="col"><span class="visually-hidden">{t.revoke}</span></th>
                </tr>
              </thead>
              <tbody>
                {data.keys.map((k) => (
                  <tr>
                    <td>{k.name}</td>
                    <td><code>{k.prefix}…</code></td>
                    <td><When ctx={ctx} iso={k.createdAt} /></td>
                    <td><When ctx={ctx} iso={k.expiresAt} /></td>
                    <td><When ctx={ctx} iso={k.lastUsedAt} empty={t.never} /></td>
                    <td>{t.keyStates[keyState(k, data.now)]}</td>
                    <td>
                      {!k.revokedAt && (
                        <RowAction ctx={ctx} action={ctx.link(`${base}/keys/${k.id}/revoke`)} label={t.revoke} ariaLabel={`${t.revoke}: ${k.name}`} destructive />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="grants">
        <h2 id="grants">{t.userGrants}</h2>
        {data.grants.length === 0 ? <p>{t.none}</p> : (
          <ul>
            {data.grants.map((g) => (
              <li><a href={ctx.link(`/-/admin/grants/${g.datasetId}`)}>{g.datasetId}</a> · {t.grantedAt} <When ctx={ctx} iso={g.grantedAt} /></li>
            ))}
          </ul>
        )}
      </section>
    </AdminFrame>
  );
}
