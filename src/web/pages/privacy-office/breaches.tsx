// The breach register: the list with breaches overdue for a decision flagged, and the form to open or update one.
import { decisions, natures, risks, type Breach } from '../../../privacy/breaches/service.ts';
import { instantToZoned } from '../../../privacy/zoned-time.ts';
import { categories } from '../../../personal-data/vocabulary.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { When } from '../admin/frame.tsx';
import { OfficeFrame } from './frame.tsx';

export function breachesPage(ctx: PageContext, breaches: Breach[], done: string | null): Html {
  const t = ctx.t.privacy;
  const c = t.columns;
  return (
    <OfficeFrame ctx={ctx} title={t.breaches} jsonTwin={ctx.link('/-/privacy-office/breaches.json')} done={done}>
      <p>{t.breachesIntro}</p>
      <p><a href={ctx.link('/-/privacy-office/breaches/new')}>{t.openBreach}</a> · <a href={ctx.link('/-/privacy-office/breaches.csv')}>{t.csv}</a></p>
      {breaches.length === 0 ? <p>{t.none}</p> : (
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.breaches}>
          <table>
            <thead><tr><th scope="col">{t.fields.title}</th><th scope="col">{c.aware}</th><th scope="col">{c.nature}</th><th scope="col">{c.risk}</th><th scope="col">{c.decision}</th><th scope="col">{c.notified}</th><th scope="col">{c.state}</th></tr></thead>
            <tbody>
              {breaches.map((b) => (
                <tr class={b.overdue ? 'overdue' : undefined}>
                  <td><a href={ctx.link(`/-/privacy-office/breaches/${b.id}`)}>{b.title}</a></td>
                  <td><When ctx={ctx} iso={b.awareAt} /></td>
                  <td>{b.nature.map((n) => t.natures[n]).join(', ')}</td>
                  <td>{b.risk ? t.risks[b.risk] : t.undecided}</td>
                  <td>{b.decision ? t.decisions[b.decision] : t.undecided}</td>
                  <td><When ctx={ctx} iso={b.notifiedAt} /></td>
                  <td>{b.closedAt ? <>{c.closed} <When ctx={ctx} iso={b.closedAt} /></> : <>{t.open}, {t.hoursSince(String(b.hoursSinceAware))}</>}{b.overdue && <strong class="flag"> {t.overdue}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </OfficeFrame>
  );
}

/** The values a form shows: the breach as stored, or what was sent when it was refused. */
export type BreachForm = Record<string, string | string[]>;

export function breachFormValues(b: Breach, timeZone: string): BreachForm {
  return {
    title: b.title, aware_at: instantToZoned(b.awareAt, timeZone), nature: b.nature, description: b.description, categories: b.categories, approx_subjects: b.approxSubjects?.toString() ?? '',
    approx_records: b.approxRecords?.toString() ?? '', consequences: b.consequences, measures: b.measures, risk: b.risk ?? '', decision: b.decision ?? '',
    notified_at: instantToZoned(b.notifiedAt, timeZone), delay_reason: b.delayReason ?? '', subjects_informed_at: instantToZoned(b.subjectsInformedAt, timeZone),
  };
}

export function breachPage(ctx: PageContext, breach: Breach | null, values: BreachForm, notes: { done?: string | null; error?: string | null } = {}): Html {
  const t = ctx.t.privacy;
  const f = t.fields;
  const v = (name: string) => String(values[name] ?? '');
  const has = (name: string, value: string) => ([] as string[]).concat(values[name] ?? []).includes(value);
  const closed = breach?.closedAt != null;
  const action = ctx.link(breach ? `/-/privacy-office/breaches/${breach.id}` : '/-/privacy-office/breaches');
  const area = (name: string, label: string) => (
    <div class="field"><label for={name}>{label}</label><textarea id={name} name={name} rows={3} maxlength={4000} aria-describedby="no-personal-data" disabled={closed}>{v(name)}</textarea></div>
  );
  const when = (name: string, label: string, required = false) => (
    <div class="field"><label for={name}>{label}</label><input id={name} name={name} type="datetime-local" value={v(name)} required={required} disabled={closed} /></div>
  );
  return (
    <OfficeFrame ctx={ctx} title={breach ? t.breach(breach.title) : t.openBreach} jsonTwin={breach ? ctx.link(`/-/privacy-office/breaches/${breach.id}.json`) : undefined} done={notes.done} error={notes.error}>
      {breach?.overdue && <p class="notice notice-error" role="alert">{t.overdue}</p>}
      <p class="hint" id="no-personal-data">{t.noPersonalData}</p>
      <PostForm ctx={ctx} action={action}>
        <div class="field">
          <label for="title">{f.title}</label>
          <p class="hint" id="title-hint">{f.titleHint}</p>
          <input id="title" name="title" value={v('title')} required maxlength={200} aria-describedby="title-hint no-personal-data" disabled={closed} />
        </div>
        {when('aware_at', f.awareAt, true)}
        <fieldset><legend>{f.nature}</legend>{natures.map((n) => <label><input type="checkbox" name="nature" value={n} checked={has('nature', n)} disabled={closed} /> {t.natures[n]}</label>)}</fieldset>
        {area('description', f.description)}
        <fieldset><legend>{f.categories}</legend>{categories.map((id) => <label><input type="checkbox" name="categories" value={id} checked={has('categories', id)} disabled={closed} /> {ctx.t.privacyTerms.categories[id]}</label>)}</fieldset>
        <div class="field"><label for="approx_subjects">{f.approxSubjects}</label><input id="approx_subjects" name="approx_subjects" inputmode="numeric" value={v('approx_subjects')} disabled={closed} /></div>
        <div class="field"><label for="approx_records">{f.approxRecords}</label><input id="approx_records" name="approx_records" inputmode="numeric" value={v('approx_records')} disabled={closed} /></div>
        {area('consequences', f.consequences)}
        {area('measures', f.measures)}
        <div class="field"><label for="risk">{f.risk}</label><select id="risk" name="risk" disabled={closed}><option value="">{t.undecided}</option>{risks.map((r) => <option value={r} selected={v('risk') === r}>{t.risks[r]}</option>)}</select></div>
        <div class="field"><label for="decision">{f.decision}</label><select id="decision" name="decision" disabled={closed}><option value="">{t.undecided}</option>{decisions.map((d) => <option value={d} selected={v('decision') === d}>{t.decisions[d]}</option>)}</select></div>
        {when('notified_at', f.notifiedAt)}
        {area('delay_reason', f.delayReason)}
        {when('subjects_informed_at', f.subjectsInformedAt)}
        {!closed && <button type="submit">{breach ? t.save : t.openBreach}</button>}
      </PostForm>
      {breach && !closed && (
        <PostForm ctx={ctx} action={ctx.link(`/-/privacy-office/breaches/${breach.id}/close`)}>
          <p class="hint">{t.closeHint}</p>
          <button type="submit">{t.close}</button>
        </PostForm>
      )}
    </OfficeFrame>
  );
}
