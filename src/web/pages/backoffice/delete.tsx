// Deleting a dataset: what it removes, and the id typed again to confirm.
import type { Dataset } from '../../../catalog/types.ts';
import type { PageContext } from '../../context.ts';
import { Input, PostForm } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { plural } from '../../../i18n/index.ts';
import { adminPath, BackofficeLayout, Notes, titleOf } from './common.tsx';

export function deletePage(ctx: PageContext, data: { dataset: Dataset; versions: number; error?: string | null }): Html {
  const t = ctx.t.backoffice;
  const { dataset } = data;
  return (
    <BackofficeLayout ctx={ctx} title={`${t.deleteTitle} — ${titleOf(ctx, dataset)}`} crumbs={[{ href: ctx.link(adminPath(dataset.id)), label: titleOf(ctx, dataset) }]}>
      <h1>{t.deleteTitle}: {titleOf(ctx, dataset)}</h1>
      <Notes ctx={ctx} error={data.error} />
      <p>{t.deleteText(plural(ctx.lang, data.versions, t.deleteVersions))}</p>
      <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'delete'))}>
        <Input name="confirm" label={t.deleteConfirm} hint={dataset.id} required autocomplete="off" maxlength={100} />
        <button type="submit" class="danger">{t.deleteButton}</button>
      </PostForm>
    </BackofficeLayout>
  );
}
