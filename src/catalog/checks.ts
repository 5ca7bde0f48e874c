// A version whose import report asks a person to check a reading is not published until someone says they looked.
import { checksOf, type ImportReport } from '../engine/ingest/report.ts';
import { Conflict } from '../errors.ts';

/** Refused publication: the fields and decisions a person must look at first. */
export class ChecksPending extends Conflict {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    const fields = [...new Set(checksOf(report).map((c) => c.field))];
    super(
      `The import report asks a person to check ${fields.length === 1 ? 'field' : 'fields'} ${fields.map((f) => `"${f}"`).join(', ')} ` +
        'before publishing: read the report, choose the types where needed, then publish saying the checks were seen.',
      'checks_pending',
    );
    this.report = report;
  }
}

export function refuseUnchecked(report: ImportReport | null): void {
  if (report && checksOf(report).length > 0) throw new ChecksPending(report);
}
