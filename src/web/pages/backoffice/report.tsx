// A version's import report on its review page: the points to check, what was read per field, and the types to choose.
import type { Version } from '../../../catalog/types.ts';
import { fieldLabel } from '../../../explore/present.ts';
import { readingChoices, type ReadingChoice } from '../../../engine/ingest/parsers.ts';
import { checksOf } from '../../../engine/ingest/report.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import { formatNumber, plural } from '../../../i18n/index.ts';
import { reportNotes } from '../../import-report.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { adminPath } from './common.tsx';

/** A choice as a form value: `int|1.234`, or the type alone. */
const readingValue = (choice: ReadingChoice) => (choice.format ? `${choice.type}|${choice.format}` : choice.type);

function choiceText(ctx: PageContext, choice: ReadingChoice): string {
  const type = ctx.t.dataset.types[choice.type] ?? choice.type;
  return choice.format ? `${type} (${choice.format})` : type;
}

/** The points a person must look at before publishing, as a warning at the top of the page. */
export function ChecksNotice(props: { ctx: PageContext; version: Version }): Html {
  const { ctx, version } = props;
  const t = ctx.t.importReport;
  const checks = checksOf(version.report).length;
  if (!version.report || checks === 0) return <></>;
  const notes = reportNotes(ctx.lang, version.report).filter((n) => n.level === 'check');
  const labelOf = (name: string) => {
    const field = version.fields.find((f) => f.name === name);
    return field ? fieldLabel(field, ctx.lang) : name;
  };
  return (
    <div class="notice notice-warning" role="region" aria-labelledby="checks-title" id="checks">
      <p class="notice-title" id="checks-title">{plural(ctx.lang, checks, t.checksTitle)}</p>
      <p>{t.checksIntro}</p>
      <ul>
        {notes.map((n) => (
          <li><strong>{labelOf(n.field)}</strong> (<code>{n.field}</code>): {n.text}</li>
        ))}
      </ul>
    </div>
  );
}

/** Per field: the type and notation read, how many values, how many could not be read, and every decision in words. */
export function ReportSection(props: { ctx: PageContext; version: Version }): Html {
  const { ctx, version } = props;
  const t = ctx.t.importReport;
  const report = version.report;
  if (!report) return <section aria-labelledby="report"><h2 id="report">{t.title}</h2><p>{t.none}</p></section>;
  const notes = reportNotes(ctx.lang, report);
  return (
    <section aria-labelledby="report">
      <h2 id="report">{t.title}</h2>
      <p>{t.intro}</p>
      <div class="table-scroll" tabindex="0" role="region" aria-labelledby="report">
        <table class="import-report">
          <thead>
            <tr>
              <th scope="col">{t.field}</th><th scope="col">{t.type}</th><th scope="col">{t.format}</th>
              <th scope="col" class="number">{t.values}</th><th scope="col" class="number">{t.unreadable}</th><th scope="col">{t.notes}</th>
            </tr>
          </thead>
          <tbody>
            {report.fields.map((field) => (
              <tr data-field={field.name}>
                <th scope="row"><code>{field.name}</code></th>
                <td data-type={field.type} data-label={t.type}>{ctx.t.dataset.types[field.type] ?? field.type}</td>
                <td data-label={t.format}>{[field.format, field.unit].filter(Boolean).join(' · ')}</td>
                <td class="number" data-label={t.values}>{formatNumber(ctx.lang, field.values)}</td>
                <td class="number" data-label={t.unreadable}>{field.unreadable > 0 ? <strong>{formatNumber(ctx.lang, field.unreadable)}</strong> : '0'}</td>
                <td data-label={t.notes}>
                  {notes.some((n) => n.field === field.name) && (
                    <ul class="plain">
                      {notes.filter((n) => n.field === field.name).map((n) => (
                        <li class={n.level === 'check' ? 'decision-check' : 'decision-info'}>{n.level === 'check' ? <strong>{t.check}: </strong> : ''}{n.text}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A select of every reading for one field: the first option keeps the one found (`found`), the others choose. */
export function ReadingSelect(props: { ctx: PageContext; version: Version; field: string; label: string; id: string; name: string; value: string }): Html {
  const { ctx, version } = props;
  const field = version.fields.find((f) => f.name === props.field)!;
  const format = version.report?.fields.find((f) => f.name === props.field)?.format ?? null;
  const choices = readingChoices();
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="" selected={props.value === ''}>{ctx.t.backoffice.readingAuto(choiceText(ctx, { type: field.type, format }))}</option>
        {choices.map((c) => <option value={readingValue(c)} selected={props.value === readingValue(c)}>{choiceText(ctx, c)}</option>)}
      </select>
    </div>
  );
}

/** The fields of a version whose reading a person can choose: read from a column of the source file. */
export function choosableFields(version: Version | null): string[] {
  if (!version?.sourceBlob || !version.report) return [];
  return version.report.fields.filter((f) => !f.derived).map((f) => f.name);
}

/** A chosen reading as the form's value: `int|1.234`; empty when none was chosen. */
export function chosenValue(version: Version, field: string): string {
  const chosen = version.readings[field];
  return chosen ? readingValue({ type: chosen.type, format: chosen.format ?? null }) : '';
}

/** One select per field: keep the reading found, or choose a type and notation; the version is read again. */
export function ReadingsForm(props: { ctx: PageContext; datasetId: string; version: Version }): Html {
  const { ctx, version } = props;
  const t = ctx.t.backoffice;
  if (!version.sourceBlob) return <section aria-labelledby="readings"><h2 id="readings">{t.readingsTitle}</h2><p>{t.noSource}</p></section>;
  return (
    <section aria-labelledby="readings">
      <h2 id="readings">{t.readingsTitle}</h2>
      <p>{t.readingsIntro}</p>
      {version.publishedAt !== null && <p>{t.readingsPublished}</p>}
      <PostForm ctx={ctx} action={ctx.link(adminPath(props.datasetId, 'versions', version.number, 'readings'))}>
        <div class="readings">
          {version.fields
            .filter((f) => choosableFields(version).includes(f.name))
            .map((f) => (
              <ReadingSelect ctx={ctx} version={version} field={f.name} label={t.readingLabel(fieldLabel(f, ctx.lang))} id={`reading-${f.name}`} name={`reading.${f.name}`} value={chosenValue(version, f.name)} />
            ))}
        </div>
        <p class="form-actions"><button type="submit" class="secondary">{t.reread}</button></p>
      </PostForm>
    </section>
  );
}
