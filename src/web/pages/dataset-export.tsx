// The dataset's export tab: a download link per format the Explore API writes (and a CSV for Excel), with the current filters, and a CSV form.
import type { Dataset } from '../../catalog/types.ts';
import { exportFormats } from '../../explore/exports.ts';
import { features } from '../../explore/present.ts';
import { Notice } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { DatasetFrame } from '../dataset-frame.tsx';
import { apiFilterPairs, filterWhere, hasFilters, type RecordFilters } from '../filters.ts';
import { formatBytes, plural } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { apiUrl, FilterChips, visitorError } from '../record-tabs.tsx';
import type { TabRequest } from '../tab-request.ts';

type Group = 'tabular' | 'geographic' | 'linked' | 'other';

/** Where the formats we know belong, in the order they are offered; a format added to the API later finds its group below. */
const knownGroups: Record<Exclude<Group, 'other'>, string[]> = {
  tabular: ['csv', 'xlsx', 'json', 'jsonl', 'parquet'],
  geographic: ['geojson', 'kml', 'gpx', 'shp', 'fgb', 'gpkg'],
  linked: ['turtle', 'rdfxml', 'jsonld', 'n3'],
};
const groupOrder: Group[] = ['tabular', 'geographic', 'linked', 'other'];

function groupOf(format: string, contentType: string): Group {
  for (const group of ['tabular', 'geographic', 'linked'] as const) if (knownGroups[group].includes(format)) return group;
  if (/geo|kml|gpx|shape|flatgeobuf/i.test(contentType)) return 'geographic';
  if (/rdf|turtle|n3|n-triples|ld\+json/i.test(contentType)) return 'linked';
  return 'other';
}

/**
 * The CSV for Excel with Belgian or Dutch regional settings: the API's CSV export with `;`, decimal commas
 * (`decimal=comma`, an Opaal extension), a BOM and the labels as headers. Dates are ISO (2024-03-15) already,
 * which Excel reads as dates in any language.
 */
const excelCsvPairs: [string, string][] = [['delimiter', ';'], ['decimal', 'comma'], ['with_bom', 'true'], ['use_labels', 'true']];

interface Offer {
  format: string;
  extension: string;
  /** `excel`: the CSV for Excel with Belgian or Dutch settings, offered right after the plain CSV. */
  variant?: 'excel';
}

/** Every format the API exports for this dataset, grouped, the CSV for Excel after the CSV; geographic ones only when it has a geo field. */
function offeredFormats(dataset: Dataset): { group: Group; formats: Offer[] }[] {
  const geo = features(dataset.fields).includes('geo');
  const listed = Object.entries(exportFormats).map(([format, spec]) => ({ format, extension: spec.extension, group: groupOf(format, spec.contentType) }));
  const rank = (format: string, group: Group) => (group === 'other' ? Infinity : knownGroups[group].indexOf(format) + 1 || Infinity);
  return groupOrder
    .filter((group) => group !== 'geographic' || geo)
    .map((group) => ({
      group,
      formats: listed
        .filter((f) => f.group === group)
        .map((f, i) => ({ ...f, i }))
        .sort((a, b) => rank(a.format, group) - rank(b.format, group) || a.i - b.i)
        .flatMap(({ format, extension }): Offer[] => (format === 'csv' ? [{ format, extension }, { format, extension, variant: 'excel' }] : [{ format, extension }])),
    }))
    .filter((g) => g.formats.length > 0);
}

/** The query pairs every download carries: the filters, the page's language and time zone. */
function exportPairs(ctx: PageContext, filters: RecordFilters): [string, string][] {
  return [...apiFilterPairs(filters), ['lang', ctx.lang], ['timezone', ctx.config.timezone]];
}

function CsvForm(props: { ctx: PageContext; dataset: Dataset; filters: RecordFilters }): Html {
  const { ctx } = props;
  const t = ctx.t.exports;
  const radio = (name: string, value: string, id: string, label: string, checked: boolean) => (
    <div class="choice">
      <input type="radio" id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
  return (
    <section class="csv-options" aria-labelledby="csv-options">
      <h2 id="csv-options">{t.csvOptions}</h2>
      <p>{t.csvOptionsIntro}</p>
      <form method="get" action={apiUrl(props.dataset.id, '/exports/csv', [])}>
        {exportPairs(ctx, props.filters).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
        <fieldset>
          <legend>{t.delimiter}</legend>
          {radio('delimiter', ';', 'csv-semicolon', t.semicolon, true)}
          {radio('delimiter', ',', 'csv-comma', t.comma, false)}
        </fieldset>
        <fieldset>
          <legend>{t.decimal}</legend>
          {radio('decimal', 'point', 'csv-decimal-point', t.decimalPoint, true)}
          {radio('decimal', 'comma', 'csv-decimal-comma', t.decimalComma, false)}
        </fieldset>
        <fieldset>
          <legend>{t.headers}</legend>
          {radio('use_labels', 'false', 'csv-names', t.fieldNames, true)}
          {radio('use_labels', 'true', 'csv-labels', t.fieldLabels, false)}
        </fieldset>
        <fieldset>
          <legend>{t.bom}</legend>
          {radio('with_bom', 'true', 'csv-bom', t.withBom, true)}
          {radio('with_bom', 'false', 'csv-no-bom', t.withoutBom, false)}
        </fieldset>
        <p class="form-actions"><button type="submit">{t.downloadCsv}</button></p>
      </form>
    </section>
  );
}

export async function datasetExportPage({ ctx, dataset, filters, records, catalog, audience }: TabRequest): Promise<Html> {
  const t = ctx.t.exports;
  const pairs = exportPairs(ctx, filters);
  const countUrl = apiUrl(dataset.id, '/records', [...apiFilterPairs(filters), ['limit', 0], ['lang', ctx.lang], ['timezone', ctx.config.timezone]]);
  let total = 0;
  let problem: string | null = null;
  try {
    const counted = await records.records(dataset.id, audience, {
      where: filterWhere(filters),
      refine: filters.refine,
      exclude: filters.exclude,
      limit: 0,
      offset: 0,
      lang: ctx.lang,
      timezone: ctx.config.timezone,
    });
    total = counted.total_count;
  } catch (error) {
    problem = visitorError(ctx, error);
  }
  // The stored Parquet file is the one size known without writing the export; it only holds for the whole dataset.
  const stored = hasFilters(filters) ? null : (await catalog.currentVersion(dataset.id, audience)).version;
  const holds = problem !== null ? null : total === 0 ? t.holdsNone : plural(ctx.lang, total, hasFilters(filters) ? t.holdsFiltered : t.holdsAll);
  return (
    <DatasetFrame ctx={ctx} dataset={dataset} tab="export" filters={filters} page={{ jsonTwin: countUrl, styles: ['records.css', 'export.css'] }}>
      <p class="lead">{t.intro}</p>
      {problem !== null && <Notice kind="error" title={ctx.t.errors.badFilterTitle}>{ctx.t.errors.badFilter(problem)}</Notice>}
      {holds && <p class="export-count">{holds}</p>}
      <FilterChips ctx={ctx} dataset={dataset} tab="export" filters={filters} />
      {offeredFormats(dataset).map(({ group, formats }) => (
        <section class="export-group" aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{t.groups[group]}</h2>
          {t.groupIntro[group] && <p class="group-intro">{t.groupIntro[group]}</p>}
          <ul class="formats">
            {formats.map(({ format, extension, variant }) => {
              const known = variant === 'excel' ? t.excelCsv : t.formats[format];
              const name = known?.name ?? format.toUpperCase();
              const href = apiUrl(dataset.id, `/exports/${format}`, variant === 'excel' ? [...pairs, ...excelCsvPairs] : pairs);
              return (
                <li class="format">
                  <a class="button download" href={href}>{t.download(name)}</a>
                  <p class="format-description">{known?.description ?? t.otherFormat(name)}</p>
                  <p class="format-meta">
                    <code>.{extension}</code>
                    {problem === null && <> · {plural(ctx.lang, total, t.records)}</>}
                    {format === 'parquet' && stored && <> · {t.storedSize(formatBytes(ctx.lang, stored.bytes))}</>}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {'csv' in exportFormats && <CsvForm ctx={ctx} dataset={dataset} filters={filters} />}
    </DatasetFrame>
  );
}
