// Test support for the privacy office: a portal on a clock the test moves, and the codes and letters its outbox holds.
import { openPortal, type Portal } from '../../src/portal.ts';
import { testEnvironment, type DialectName, type TestEnvironment } from './stores.ts';

export interface MovableClock {
  (): Date;
  set(iso: string): void;
}

export function movableClock(iso: string): MovableClock {
  let now = new Date(iso);
  const clock = (() => now) as MovableClock;
  clock.set = (next) => {
    now = new Date(next);
  };
  return clock;
}

export async function casePortal(dialect: DialectName, clock: MovableClock, env: Record<string, string> = {}): Promise<{ portal: Portal; env: TestEnvironment; close(): Promise<void> }> {
  const environment = await testEnvironment(dialect, env);
  const portal = await openPortal(environment.config, { clock });
  return {
    portal,
    env: environment,
    async close() {
      await portal.close();
      await environment.cleanup();
    },
  };
}

/** The mails queued for an address, oldest first, as the durable outbox holds them. */
export async function mailsTo(portal: Portal, to: string) {
  return portal.store.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to.toLowerCase()).orderBy('id').execute();
}

/** The six-digit code in the last code mail to an address. */
export async function lastCode(portal: Portal, to: string): Promise<string> {
  const mail = (await mailsTo(portal, to)).filter((m) => m.template === 'privacy.code').at(-1);
  const code = /\b(\d{6})\b/.exec(mail?.text_body ?? '')?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}
