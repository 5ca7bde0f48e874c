// The DPO's case console: requests by due date with the overdue ones flagged, and one case with its history and actions.
import { languages, messages, plural, type KeysExactly, type Messages } from '../../../i18n/index.ts';
import { dateText, type LetterKind } from '../../../privacy/cases/letters.ts';
import { caseStatuses, caseTypes, channels, closedStatuses, manualMethods, stepKinds, type CaseStep, type PrivacyCase, type StepActor, type StepKind } from '../../../privacy/cases/types.ts';
import { When } from '../admin/frame.tsx';
import type { PageContext } from '../../context.ts';
import { Choice, ConfirmField, Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';
import type { ContactMention } from '../../../catalog/service.ts';
import { localized } from '../../../explore/present.ts';
import { adminPath } from '../backoffice/common.tsx';
import { OfficeFrame } from '../privacy-office/frame.tsx';

const day = (ctx: PageContext, value: string | null) => (value ? dateText(ctx.lang, value, ctx.config.timezone) : '');

// The catalogs have a sentence for every kind of step, and no other.
true satisfies KeysExactly<Messages['privacyCases']['steps'], StepKind>;

/** The role of whoever took a step: the system, the requester (by the form or their own account), or else the office. */
function actorOf(step: CaseStep, c: PrivacyCase): StepActor {
  if (step.actor === 'system') return 'system';
  if (step.actor === 'requester' || (c.userId !== null && step.actor === c.userId)) return 'requester';
  return 'dpo';
}

const isStepKind = (kind: string): kind is StepKind => (stepKinds as readonly string[]).includes(kind);

/** One step of the history as a sentence: when (in the portal's time zone), who by role, what, and its note made readable. */
function Step(props: { ctx: PageContext; c: PrivacyCase; step: CaseStep }): Html {
  const { ctx, c, step } = props;
  const t = ctx.t.privacyCases;
  const what = isStepKind(step.kind) ? t.steps[step.kind] : t.unknownStep(step.kind);
  const note = step.note;
  const detail = !note ? null
    : step.kind === 'received' ? <> ({t.channels[note] ?? note})</>
    : step.kind === 'identity_verified' ? <> ({t.methods[note] ?? note})</>
    : step.kind === 'duplicate_flagged' ? <>: <a href={ctx.link(`/-/privacy-office/cases/${note}`)}>{t.duplicateOf}</a></>
    : <>: {note}</>;
  return <li><When ctx={ctx} iso={step.at} /> — {t.actors[actorOf(step, c)]} {what}{detail}</li>;
}

export function casesPage(ctx: PageContext, p: { cases: PrivacyCase[]; status: string; today: string; done?: string | null; error?: string | null; values?: Record<string, string> }): Html {
  const t = ctx.t.privacyCases;
  const v = p.values ?? {};
  return (
    <OfficeFrame ctx={ctx} title={t.consoleTitle} jsonTwin={ctx.link('/-/privacy-office/cases.json')} done={p.done} error={p.error}>
      <form method="get" action={ctx.link('/-/privacy-office/cases')} class="inline">
        <label for="status">{t.status}</label>
        <select id="status" name="status">
          <option value="">{t.allStatuses}</option>
          {caseStatuses.map((s) => <option value={s} selected={p.status === s}>{t.statuses[s]}</option>)}
        </select>
        <button type="submit">{t.filter}</button>
      </form>
      {p.cases.length === 0 ? <p>{t.noCases}</p> : (
        // A phone scrolls the table, not the page; focusable, so a keyboard scrolls it too.
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.consoleTitle}>
          <table>
            <thead><tr><th scope="col">{t.reference}</th><th scope="col">{t.kind}</th><th scope="col">{t.status}</th><th scope="col">{t.received}</th><th scope="col">{t.due}</th></tr></thead>
            <tbody>
              {p.cases.map((c) => {
                const overdue = !closedStatuses.includes(c.status) && p.today > c.dueAt;
                return (
                  <tr class={overdue ? 'overdue' : undefined}>
                    <td><a href={ctx.link(`/-/privacy-office/cases/${c.id}`)}>{c.reference}</a></td>
                    <td>{t.types[c.type]}</td>
                    <td>{t.statuses[c.status]}</td>
                    <td>{day(ctx, c.receivedAt)}</td>
                    <td>{day(ctx, c.dueAt)}{overdue && <strong class="badge"> {t.overdue}</strong>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.register}</h2>
      <PostForm ctx={ctx} action={ctx.link('/-/privacy-office/cases')}>
        <Choice name="channel" label={t.channel} options={channels.filter((c) => c !== 'portal').map((c) => [c, t.channels[c]])} value={v.channel} />
        <Choice name="type" label={t.kind} options={caseTypes.map((c) => [c, t.types[c]])} value={v.type} />
        <Input name="email" label={t.email} type="email" value={v.email} required maxlength={320} />
        <Choice name="lang" label={t.language} options={languages.map((l) => [l, messages(l).common.languageName])} value={v.lang} />
        <Input name="received_day" label={t.receivedDay} value={v.received_day} />
        <div class="field"><label for="message">{t.requesterMessage}</label><textarea id="message" name="message" rows="4" maxlength="5000">{v.message ?? ''}</textarea></div>
        <button type="submit">{t.register}</button>
      </PostForm>
    </OfficeFrame>
  );
}

function Reason(props: { label: string; name?: string; id?: string }): Html {
  const name = props.name ?? 'reason';
  const id = props.id ?? name;
  return <div class="field"><label for={id}>{props.label}</label><textarea id={id} name={name} rows="3" required maxlength="5000"></textarea></div>;
}

/** An erasure case's warning: the datasets whose metadata still names the person, each with its back-office metadata page. */
function ContactPointWarning(props: { ctx: PageContext; mentions: ContactMention[] }): Html {
  const { ctx, mentions } = props;
  const t = ctx.t.privacyCases;
  if (mentions.length === 0) return <p class="hint">{t.contactPointsNone}</p>;
  return (
    <section class="notice notice-error" role="alert" aria-labelledby="contact-points">
      <h2 id="contact-points">{t.contactPoints}</h2>
      <p>{t.contactPointsIntro(plural(ctx.lang, mentions.length, t.contactPointsDatasets))}</p>
      <ul>
        {mentions.map((m) => (
          <li>
            <a href={ctx.link(adminPath(m.datasetId, 'metadata'))}>{t.editMetadata(localized(m.title, ctx.lang) ?? m.datasetId)}</a>
            {' '}({m.found.map((f) => t.contactPointsFound[f]).join(', ')})
          </li>
        ))}
      </ul>
    </section>
  );
}

export function casePage(ctx: PageContext, p: { c: PrivacyCase; steps: CaseStep[]; today: string; actionsAvailable: boolean; contactPoints?: ContactMention[] | null; done?: string | null; error?: string | null }): Html {
  const t = ctx.t.privacyCases;
  const { c } = p;
  const base = `/-/privacy-office/cases/${c.id}`;
  const closed = closedStatuses.includes(c.status);
  const overdue = !closed && p.today > c.dueAt;
  const letters: LetterKind[] = [...(c.extendedAt ? ['extension' as const] : []), ...(c.status === 'completed' ? ['reply' as const] : []), ...(c.status === 'refused' ? ['refusal' as const] : [])];
  return (
    <Layout ctx={ctx} page={{ title: `${c.reference} — ${t.consoleTitle}`, noindex: true, jsonTwin: ctx.link(`${base}.json`) }}>
      <p><a href={ctx.link('/-/privacy-office/cases')}>{t.consoleTitle}</a></p>
      <h1>{c.reference}</h1>
      <Done message={p.done} />
      <ErrorSummary ctx={ctx} error={p.error} />
      <dl>
        <dt>{t.kind}</dt><dd>{t.types[c.type]}</dd>
        <dt>{t.status}</dt><dd>{t.statuses[c.status]}</dd>
        <dt>{t.channel}</dt><dd>{t.channels[c.channel]}</dd>
        <dt>{t.requester}</dt><dd>{c.requesterEmail} ({c.language})</dd>
        <dt>{t.received}</dt><dd>{day(ctx, c.receivedAt)}</dd>
        <dt>{t.due}</dt><dd>{day(ctx, c.dueAt)}{overdue && <strong class="badge"> {t.overdue}</strong>}</dd>
        <dt>{t.identity}</dt><dd>{c.identityVerifiedAt ? t.verifiedBy(t.methods[c.identityMethod ?? ''] ?? c.identityMethod ?? '', day(ctx, c.identityVerifiedAt)) : t.notVerified}</dd>
        {c.duplicateOf && <><dt>{t.duplicateOf}</dt><dd><a href={ctx.link(`/-/privacy-office/cases/${c.duplicateOf}`)}>{c.duplicateOf}</a></dd></>}
        {c.message && <><dt>{t.requesterMessage}</dt><dd>{c.message}</dd></>}
        {c.outcome && <><dt>{t.answer}</dt><dd>{c.outcome}</dd></>}
      </dl>
      {p.contactPoints && <ContactPointWarning ctx={ctx} mentions={p.contactPoints} />}
      {letters.length > 0 && <p>{t.letter}: {letters.map((kind) => <><a href={ctx.link(`${base}/letter/${kind}`)}>{t.letterLinks[kind]}</a> </>)}</p>}
      {!closed && !c.identityVerifiedAt && (
        <section><h2>{t.verify}</h2><p class="hint">{t.verifyHint}</p>
          <PostForm ctx={ctx} action={ctx.link(`${base}/verify`)}>
            <Choice name="method" label={t.identity} options={manualMethods.map((m) => [m, t.methods[m]])} />
            <Input name="day" label={t.day} value={p.today} required />
            <button type="submit">{t.verify}</button>
          </PostForm>
        </section>
      )}
      {!closed && c.identityVerifiedAt && c.userId && p.actionsAvailable && (
        <section><h2>{t.actions}</h2>
          {(['access', 'erasure', 'restriction_on', 'restriction_off'] as const).map((action) => (
            <PostForm ctx={ctx} action={ctx.link(`${base}/act`)} class={action === 'erasure' ? 'inline destructive' : 'inline'}>
              <input type="hidden" name="action" value={action} />
              {action === 'erasure' && <ConfirmField ctx={ctx} />}
              <button type="submit" class={action === 'erasure' ? 'danger' : undefined}>{t.actionNames[action]}</button>
            </PostForm>
          ))}
          {(['objection_on', 'objection_off'] as const).map((action) => (
            <PostForm ctx={ctx} action={ctx.link(`${base}/act`)} class="inline">
              <input type="hidden" name="action" value={action} />
              <Choice name="purpose" id={`purpose-${action}`} label={t.purpose} options={Object.entries(ctx.t.privacyTerms.purposes).map(([id, purpose]) => [id, purpose.name])} />
              <button type="submit">{t.actionNames[action]}</button>
            </PostForm>
          ))}
        </section>
      )}
      {!closed && c.identityVerifiedAt && (
        <section><h2>{t.complete}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/complete`)}><Reason label={t.answer} name="answer" /><button type="submit">{t.complete}</button></PostForm>
        </section>
      )}
      {!closed && !c.extendedAt && p.today <= c.dueAt && (
        <section><h2>{t.extend}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/extend`)}>
            <Choice name="months" label={t.months} options={[['1', t.monthsOptions['1']], ['2', t.monthsOptions['2']]]} value="2" />
            <Reason label={t.reason} />
            <button type="submit">{t.extend}</button>
          </PostForm>
        </section>
      )}
      {!closed && (
        <section><h2>{t.refuse}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/refuse`)}><Reason label={t.reason} id="refuse_reason" /><button type="submit">{t.refuse}</button></PostForm>
          <h2>{t.cancel}</h2>
          <PostForm ctx={ctx} action={ctx.link(`${base}/cancel`)}><Reason label={t.reason} name="cancel_reason" /><button type="submit" class="secondary">{t.cancel}</button></PostForm>
        </section>
      )}
      <h2>{t.history}</h2>
      <ol>
        {p.steps.map((s) => <Step ctx={ctx} c={c} step={s} />)}
      </ol>
    </Layout>
  );
}
