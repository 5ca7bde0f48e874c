// The DPO's page of legal holds: those that lapsed first, then the active ones, then the ended; a form to set one.
import type { LegalHold } from '../../../privacy/retention/holds.ts';
import { holdReasons } from '../../../privacy/retention/holds.ts';
import type { PageContext } from '../../context.ts';
import { Choice, Input, PostForm, RowAction } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { formatDate } from '../../../i18n/index.ts';
import { OfficeFrame } from './frame.tsx';
import { When } from '../admin/frame.tsx';

export interface HoldForm {
  subject?: string;
  reason?: string;
  reason_text?: string;
  ends_on?: string;
}

export function holdsPage(ctx: PageContext, data: { holds: LegalHold[]; done?: string | null; error?: string | null; form?: HoldForm }): Html {
  const t = ctx.t.holds;
  const form = data.form ?? {};
  return (
    <OfficeFrame ctx={ctx} title={t.title} jsonTwin={ctx.link('/-/privacy-office/holds.json')} done={data.done} error={data.error}>
      <p>{t.intro}</p>
      {data.holds.length === 0 ? <p>{t.none}</p> : (
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.object}</th><th scope="col">{t.reason}</th><th scope="col">{t.reasonText}</th>
                <th scope="col">{t.setAt}</th><th scope="col">{t.endsAt}</th><th scope="col">{t.state}</th>
                <th scope="col"><span class="visually-hidden">{t.end}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.holds.map((h) => (
                <tr id={h.id}>
                  <td>{t.objectTypes[h.objectType] ?? h.objectType} {h.subject ?? <em>{t.gone}</em>}</td>
                  <td>{t.reasons[h.reason] ?? h.reason}</td>
                  <td>{h.reasonText}</td>
                  <td><When ctx={ctx} iso={h.setAt} /> {t.byDpo}</td>
                  <td>{h.endedAt ? <When ctx={ctx} iso={h.endedAt} /> : <time datetime={h.lastDay}>{formatDate(ctx.lang, `${h.lastDay}T12:00:00Z`, 'UTC')}</time>}</td>
                  <td>{t.states[h.state]}</td>
                  <td>
                    {h.state !== 'ended' && (
                      <RowAction
                        ctx={ctx}
                        action={ctx.link(`/-/privacy-office/holds/${h.id}/end`)}
                        label={t.end}
                        destructive
                        ariaLabel={`${t.end}: ${t.objectTypes[h.objectType] ?? h.objectType} ${h.subject ?? t.gone}`}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.add}</h2>
      <PostForm ctx={ctx} action={ctx.link('/-/privacy-office/holds')}>
        <Input name="subject" label={t.subject} hint={t.subjectHint} value={form.subject} required maxlength={320} autocomplete="off" />
        <Choice name="reason" label={t.reason} options={holdReasons.map((reason) => [reason, t.reasons[reason]])} value={form.reason} />
        <div class="field">
          <label for="reason_text">{t.reasonText}</label>
          <p class="hint" id="reason_text-hint">{t.reasonTextHint}</p>
          <textarea id="reason_text" name="reason_text" required maxlength={2000} rows={4} aria-describedby="reason_text-hint">{form.reason_text ?? ''}</textarea>
        </div>
        <Input name="ends_on" label={t.endsOn} hint={t.endsOnHint} type="date" value={form.ends_on} required />
        <button type="submit">{t.add}</button>
      </PostForm>
    </OfficeFrame>
  );
}
