// Delivery for admins: mail still waiting or given up on (with a way to send it again), and background jobs that failed.
import type { PageContext } from '../../context.ts';
import { RowAction } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { AdminFrame, When } from './frame.tsx';

export interface DeliveryData {
  mail: { id: number; to: string; template: string; status: string; attempts: number; lastError: string | null; createdAt: string; nextAttemptAt: string | null }[];
  jobs: { kind: string; status: string; count: number }[];
  failedJobs: { id: number; kind: string; job_key: string; attempts: number; last_error: string | null; created_at: string; finished_at: string | null }[];
  done: string | null;
  error?: string;
}

export function deliveryPage(ctx: PageContext, data: DeliveryData): Html {
  const t = ctx.t.admin;
  return (
    <AdminFrame ctx={ctx} title={t.delivery} jsonTwin={ctx.link('/-/admin/delivery.json')} done={data.done} error={data.error}>
      <p>{t.deliveryIntro}</p>
      <h2>{t.undeliveredMail}</h2>
      {data.mail.length === 0 ? <p>{t.noUndeliveredMail}</p> : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.when}</th><th scope="col">{t.mailTo}</th><th scope="col">{t.mailTemplate}</th><th scope="col">{t.mailStatus}</th>
                <th scope="col">{t.attempts}</th><th scope="col">{t.lastError}</th><th scope="col">{t.nextAttempt}</th><th scope="col"><span class="visually-hidden">{t.retryMail}</span></th>
              </tr>
            </thead>
            <tbody>
              {data.mail.map((m) => (
                <tr>
                  <td><When ctx={ctx} iso={m.createdAt} /></td>
                  <td>{m.to}</td>
                  <td><code>{m.template}</code></td>
                  <td>{t.mailStatuses[m.status] ?? m.status}</td>
                  <td>{m.attempts}</td>
                  <td>{m.lastError && <code>{m.lastError}</code>}</td>
                  <td>{m.status === 'pending' && <When ctx={ctx} iso={m.nextAttemptAt} />}</td>
                  <td>{m.status === 'failed' && <RowAction ctx={ctx} action={ctx.link(`/-/admin/delivery/mail/${m.id}/retry`)} label={t.retryMail} ariaLabel={`${t.retryMail}: ${m.template}, ${m.to}`} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.failedJobs}</h2>
      {data.failedJobs.length === 0 ? <p>{t.noFailedJobs}</p> : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t.when}</th><th scope="col">{t.jobKind}</th><th scope="col">{t.attempts}</th><th scope="col">{t.lastError}</th></tr>
            </thead>
            <tbody>
              {data.failedJobs.map((j) => (
                <tr>
                  <td><When ctx={ctx} iso={j.finished_at ?? j.created_at} /></td>
                  <td><code>{j.kind}</code> <span class="muted">{j.job_key}</span></td>
                  <td>{j.attempts}</td>
                  <td>{j.last_error && <code>{j.last_error}</code>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.jobs.length > 0 && (
        <>
          <h2>{t.jobQueue}</h2>
          <table>
            <thead><tr><th scope="col">{t.jobKind}</th><th scope="col">{t.mailStatus}</th><th scope="col">{t.jobCount}</th></tr></thead>
            <tbody>{data.jobs.map((j) => <tr><td><code>{j.kind}</code></td><td>{j.status}</td><td>{j.count}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </AdminFrame>
  );
}
