// The register of processing activities as the DPO reads it, with its CSV and JSON exports.
import type { RegisterActivity } from '../../../privacy/office/register.ts';
import type { PageContext } from '../../context.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { OfficeFrame } from './frame.tsx';

export function registerPage(ctx: PageContext, activities: RegisterActivity[]): Html {
  const t = ctx.t.privacy;
  const c = t.columns;
  const first = activities[0];
  return (
    <OfficeFrame ctx={ctx} title={t.register} jsonTwin={ctx.link('/-/privacy-office/register.json')}>
      <p>{t.registerIntro}</p>
      <p><a href={ctx.link('/-/privacy-office/register.csv')}>{t.csv}</a> · <a href={ctx.link('/-/privacy-office/register.json')}>{t.json}</a></p>
      {first && (
        <dl>
          <dt>{c.controller}</dt><dd>{first.controller.name}{first.controller.address ? `, ${first.controller.address}` : ''}</dd>
          <dt>{c.dpo}</dt><dd>{first.dpo.name ? `${first.dpo.name}, ` : ''}{first.dpo.email}</dd>
        </dl>
      )}
      {activities.map((a) => (
        <section id={`purpose-${a.purpose}`}>
          <h2>{a.name}</h2>
          <dl>
            <dt>{c.basis}</dt><dd>{a.legalBasis.text}{a.legalBasis.law ? ` — ${a.legalBasis.law}` : ''}</dd>
            <dt>{c.subjects}</dt><dd>{a.dataSubjects}</dd>
            <dt>{c.categories}</dt>
            <dd>{a.categories.length === 0 ? t.none : <ul>{a.categories.map((cat) => <li>{cat.name}: {cat.columns.map((col) => <code class="column">{col} </code>)}</li>)}</ul>}</dd>
            <dt>{c.recipients}</dt><dd>{a.recipients.length === 0 ? t.none : a.recipients.map((r) => `${r.name} (${t.roles[r.role]}${r.contractRef ? `, ${r.contractRef}` : ''})`).join('; ')}</dd>
            <dt>{c.transfers}</dt><dd>{a.transfers.join('; ')}</dd>
            <dt>{c.retention}</dt><dd>{a.retention.join('; ') || t.none}</dd>
            <dt>{c.security}</dt><dd>{a.security.join('; ')}</dd>
          </dl>
        </section>
      ))}
    </OfficeFrame>
  );
}
