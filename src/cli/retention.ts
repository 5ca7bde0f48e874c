// `opaal retention [--dry-run] [--json]`: runs the retention sweep once (or shows what it would remove), in counts only.
import type { Config, Flags } from '../config.ts';
import { openPortal } from '../portal.ts';
import { help } from './help.ts';
import { runRetention, type RetentionReport } from '../privacy/retention/sweep.ts';
import { retentionRules, type RetentionRule } from '../personal-data/vocabulary.ts';

const pad = (value: string | number, width: number) => String(value).padEnd(width);

function formatReport(report: RetentionReport): string {
  const rules = retentionRules as Record<string, RetentionRule>;
  const lines = [
    report.dryRun ? `Retention dry run at ${report.at}: nothing was changed; this is what a run would do.` : `Retention run at ${report.at}.`,
    '',
    `${pad('rule', 15)}${pad('table', 18)}${pad('after', 8)}${pad(report.dryRun ? 'would remove' : 'removed', 14)}${pad('kept (hold)', 13)}warned`,
  ];
  for (const r of report.rules) {
    lines.push(`${pad(r.rule, 15)}${pad(r.table, 18)}${pad(rules[r.rule]?.period ?? '', 8)}${pad(r.removed, 14)}${pad(r.held, 13)}${r.warned ?? ''}`);
  }
  if (report.lapsedHolds.length > 0) {
    lines.push('', 'Legal holds past their end date (they no longer apply; end or renew them):');
    for (const h of report.lapsedHolds) lines.push(`  ${h.id}  ${h.objectType}  ended ${h.endsAt}`);
  }
  if (report.unapplied.length > 0) lines.push('', `Rules the sweep cannot apply (their trigger is no table column): ${report.unapplied.join(', ')}`);
  return lines.join('\n');
}

export async function runRetentionCommand(config: Config, positionals: string[], flags: Flags): Promise<number> {
  if (positionals.length > 0) {
    console.error(`opaal retention: unexpected "${positionals[0]}"\n\n${help.retention}`);
    return 2;
  }
  const portal = await openPortal(config);
  try {
    const report = await runRetention(portal, { dryRun: flags['dry-run'] === true });
    console.log(flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
    // Warning mails go out before the command ends; a dry run sends nothing, not even mail already waiting.
    if (!report.dryRun) await portal.mailer.flush();
    return report.unapplied.length > 0 ? 1 : 0;
  } finally {
    await portal.close();
  }
}
