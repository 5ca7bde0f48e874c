// Recipients and processors: the list the DPO keeps, with the form to add one and a button to end one.
import type { Recipient } from '../../../privacy/recipients/service.ts';
import { categories } from '../../../personal-data/vocabulary.ts';
import type { PageContext } from '../../context.ts';
import { Input, PostForm, RowAction } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { When } from '../admin/frame.tsx';
import { OfficeFrame } from './frame.tsx';

export function recipientsPage(ctx: PageContext, recipients: Recipient[], notes: { done?: string | null; error?: string | null } = {}): Html {
  const t = ctx.t.privacy;
  const c = t.columns;
  return (
    <OfficeFrame ctx={ctx} title={t.recipients} jsonTwin={ctx.link('/-/privacy-office/recipients.json')} done={notes.done} error={notes.error}>
      <p>{t.recipientsIntro}</p>
      {recipients.length === 0 ? <p>{t.none}</p> : (
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.recipients}>
          <table>
            <thead><tr><th scope="col">{c.name}</th><th scope="col">{c.role}</th><th scope="col">{c.purpose}</th><th scope="col">{c.location}</th><th scope="col">{c.contract}</th><th scope="col">{c.added}</th><th scope="col">{c.ended}</th><th scope="col"></th></tr></thead>
            <tbody>
              {recipients.map((r) => (
                <tr>
                  <td>{r.name}{r.contact ? <><br /><span class="muted">{r.contact}</span></> : ''}</td>
                  <td>{t.roles[r.role]}</td>
                  <td>{r.purposes.map((p) => ctx.t.privacyTerms.purposes[p].name).join('; ')}</td>
                  <td>{r.location ?? '—'}</td>
                  <td>{r.contractRef ?? ''}</td>
                  <td>{r.automatic ? t.automatic : <When ctx={ctx} iso={r.addedAt} />}</td>
                  <td><When ctx={ctx} iso={r.endedAt} /></td>
                  <td>
                    {!r.automatic && !r.endedAt && (
                      <RowAction ctx={ctx} action={ctx.link(`/-/privacy-office/recipients/${r.id}/end`)} label={t.end} ariaLabel={`${t.end}: ${r.name}`} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.addRecipient}</h2>
      <PostForm ctx={ctx} action={ctx.link('/-/privacy-office/recipients')}>
        <Input name="name" label={c.name} hint={t.recipientHint.name} required maxlength={200} />
        <fieldset>
          <legend>{c.role}</legend>
          {(['processor', 'recipient'] as const).map((role) => <label><input type="radio" name="role" value={role} required /> {t.roles[role]}</label>)}
        </fieldset>
        <fieldset>
          <legend>{c.purpose}</legend>
          {Object.entries(ctx.t.privacyTerms.purposes).map(([id, p]) => <label><input type="checkbox" name="purposes" value={id} /> {p.name}</label>)}
        </fieldset>
        <fieldset>
          <legend>{ctx.t.privacy.fields.categories}</legend>
          {categories.map((id) => <label><input type="checkbox" name="categories" value={id} /> {ctx.t.privacyTerms.categories[id]}</label>)}
        </fieldset>
        <Input name="location" label={c.location} hint={t.recipientHint.location} required maxlength={2} />
        <Input name="contract_ref" label={c.contract} hint={t.recipientHint.contract} maxlength={200} />
        <Input name="contact" label={c.contact} hint={t.recipientHint.contact} maxlength={320} />
        <button type="submit">{t.add}</button>
      </PostForm>
    </OfficeFrame>
  );
}
