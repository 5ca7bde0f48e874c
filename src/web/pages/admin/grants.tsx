// The admin's pages about access to restricted datasets: which exist, and who may read one.
import type { Dataset } from '../../../catalog/types.ts';
import { localized } from '../../../explore/present.ts';
import type { PageContext } from '../../context.ts';
import { Input, PostForm, RowAction } from '../../forms.tsx';
import { formatNumber } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { AdminFrame, When } from './frame.tsx';

const titleOf = (ctx: PageContext, dataset: Dataset) => localized(dataset.metadata.title, ctx.lang) ?? dataset.id;

export function grantsPage(ctx: PageContext, datasets: { dataset: Dataset; grants: number }[]): Html {
  const t = ctx.t.admin;
  return (
    <AdminFrame ctx={ctx} title={t.grants} jsonTwin={ctx.link('/-/admin/grants.json')}>
      <p>{t.grantsIntro}</p>
      {datasets.length === 0 ? <p>{t.noRestricted}</p> : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t.dataset}</th><th scope="col">{t.datasetId}</th><th scope="col">{t.grantCount}</th></tr>
            </thead>
            <tbody>
              {datasets.map(({ dataset, grants }) => (
                <tr>
                  <td><a href={ctx.link(`/-/admin/grants/${dataset.id}`)}>{titleOf(ctx, dataset)}</a></td>
                  <td><code>{dataset.id}</code></td>
                  <td class="number">{formatNumber(ctx.lang, grants)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminFrame>
  );
}

interface DatasetGrants {
  dataset: Dataset;
  grants: { userId: string; email: string; firstName: string; lastName: string; grantedBy: string; grantedAt: string }[];
}

export function datasetGrantsPage(ctx: PageContext, data: DatasetGrants & { email?: string; done?: string | null; error?: string | null }): Html {
  const t = ctx.t.admin;
  const base = `/-/admin/grants/${data.dataset.id}`;
  return (
    <AdminFrame ctx={ctx} title={t.grantTitle(titleOf(ctx, data.dataset))} jsonTwin={ctx.link(`${base}.json`)} done={data.done} error={data.error}>
      <p><a href={ctx.link(`/datasets/${data.dataset.id}`)}><code>{data.dataset.id}</code></a></p>
      {data.grants.length === 0 ? <p>{t.nobodyGranted}</p> : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.email}</th><th scope="col">{t.name}</th><th scope="col">{t.grantedAt}</th><th scope="col">{t.grantedBy}</th>
                <th scope="col"><span class="visually-hidden">{t.revoke}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.grants.map((g) => (
                <tr>
                  <td><a href={ctx.link(`/-/admin/users/${g.userId}`)}>{g.email}</a></td>
                  <td>{g.firstName} {g.lastName}</td>
                  <td><When ctx={ctx} iso={g.grantedAt} /></td>
                  <td><code>{g.grantedBy}</code></td>
                  <td>
                    <RowAction ctx={ctx} action={ctx.link(`${base}/revoke`)} fields={{ user_id: g.userId }} label={t.revoke} ariaLabel={`${t.revoke}: ${g.email}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.grant}</h2>
      <PostForm ctx={ctx} action={ctx.link(base)}>
        <Input name="email" label={t.grantTo} hint={t.grantHint} type="email" value={data.email} required autocomplete="off" />
        <button type="submit">{t.grant}</button>
      </PostForm>
    </AdminFrame>
  );
}
