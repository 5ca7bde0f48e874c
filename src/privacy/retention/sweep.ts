// The retention sweep: applies every rule of the vocabulary that has a trigger, by the step the owner of its table
// brings (the module registry), except to rows under a legal hold; the inactivity rule is the privacy office's own.
import type { Language } from '../../i18n/index.ts';
import type { Kysely } from 'kysely';
import { createAccountStore } from '../../accounts/store.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { recordEvent } from '../../events/store.ts';
import type { Mailer } from '../../mail/outbox.ts';
import type { PersonalDataModule } from '../../personal-data/registry.ts';
import type { Step, StepResult } from '../../personal-data/retention.ts';
import { retentionRules, type RetentionRule } from '../../personal-data/vocabulary.ts';
import { personalDataModules } from '../modules.ts';
import { before } from './duration.ts';
import { createHoldStore, heldBy } from './holds-store.ts';
import { inactivityStep, type EraseAccount } from './inactivity.ts';

export interface RetentionDeps {
  db: Kysely<Database>;
  mailer: Mailer;
  clock: Clock;
  config: { portalName: string; baseUrl: string; timezone: string; defaultLanguage: Language; sessionIdleMinutes: number; dataDir: string };
  /** INTEGRATION POINT: the privacy office's erasure, the rights service's eraseAccount(userId, { by: 'retention' }) (src/privacy/rights/service.ts). */
  eraseAccount: EraseAccount;
  /** The modules whose retention steps the sweep runs; the registry's by default. */
  modules?: PersonalDataModule[];
  /** The rules to apply; the vocabulary's by default (tests add their own). */
  rules?: Record<string, RetentionRule>;
}

export interface RuleReport extends StepResult {
  rule: string;
  /** The trigger's table: where the rows went. */
  table: string;
}

/** What a run did (or would do), in counts only: no personal data, so it can be logged and kept as an event. */
export interface RetentionReport {
  at: string;
  dryRun: boolean;
  rules: RuleReport[];
  /** Rules with a trigger the sweep cannot apply (no module brings a step for them): promises not kept. */
  unapplied: string[];
  /** Holds whose end date passed without the DPO ending them: they no longer apply, and want a look. */
  lapsedHolds: { id: string; objectType: string; endsAt: string }[];
}

type Dated = RetentionRule & { trigger: string; period: string };
const dated = (rule: RetentionRule): rule is Dated => rule.trigger !== null && rule.period !== null;

export type Retention = ReturnType<typeof createRetention>;

export function createRetention(deps: RetentionDeps) {
  const rules = deps.rules ?? (retentionRules as Record<string, RetentionRule>);
  const brought = new Map<string, Step>([
    ['account', inactivityStep({ accounts: createAccountStore(deps.db), mailer: deps.mailer, eraseAccount: deps.eraseAccount, config: deps.config })],
  ]);
  for (const module of deps.modules ?? personalDataModules) {
    for (const [id, step] of Object.entries(module.retentionSteps?.(deps.config) ?? {})) {
      if (brought.has(id)) throw new Error(`Two steps for the retention rule ${id}: ${module.name} brings one too.`);
      brought.set(id, step);
    }
  }
  const steps = new Map<string, Step>();
  const unapplied: string[] = [];
  for (const [id, rule] of Object.entries(rules)) {
    if (!dated(rule)) continue;
    const step = brought.get(id);
    if (step) steps.set(id, step);
    else unapplied.push(id);
  }
  const holds = createHoldStore(deps.db);

  return {
    /** Whether the sweep applies this rule (by id); a rule without a trigger is never applied (it lives with an owner). */
    applies: (ruleId: string) => steps.has(ruleId),
    unapplied,

    async run(options: { now?: Date; dryRun?: boolean } = {}): Promise<RetentionReport> {
      const now = options.now ?? deps.clock();
      const dryRun = options.dryRun ?? false;
      const report: RuleReport[] = [];
      for (const [rule, step] of steps) {
        const { trigger, period } = rules[rule] as Dated;
        const result = await step({ db: deps.db, now, cutoff: before(now, period).toISOString(), period, dryRun, held: (type, idColumn) => heldBy(now, type, idColumn) });
        report.push({ rule, table: trigger.split('.')[0], ...result });
      }
      const lapsedHolds = (await holds.lapsed(now)).map((h) => ({ id: h.id, objectType: h.object_type, endsAt: h.ends_at }));
      if (!dryRun) {
        await recordEvent(deps.db, now, {
          actor: 'system',
          verb: 'retention.run',
          subjectType: 'retention',
          subjectId: now.toISOString(),
          data: { rules: report, unapplied, lapsed_holds: lapsedHolds.length },
        });
      }
      return { at: now.toISOString(), dryRun, rules: report, unapplied, lapsedHolds };
    },
  };
}

/** Runs the sweep of a portal: what `opaal retention` and the daily job call. */
export function runRetention(portal: { retention: Retention }, options: { now?: Date; dryRun?: boolean }): Promise<RetentionReport> {
  return portal.retention.run(options);
}
