// The readable access report: the archive's data and its Art. 15(1)(a)-(h) information as one self-contained page,
// written for the person it is about: a heading per part, labels in their language, times in the portal's time zone.
import { formatDate, formatTime, messages, plural, type Language } from '../../i18n/index.ts';
import { raw, type Html } from '../../html/jsx-runtime.ts';
import type { AccessArchive } from './archive.ts';

type ReportText = ReturnType<typeof messages>['privacyRights']['report'];

const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A key the catalog does not know yet still reads as words: `lastUsedAt` → "last used at". */
function words(key: string): string {
  const spaced = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

interface Reader {
  t: ReportText;
  lang: Language;
  timeZone: string;
}

const label = (r: Reader, key: string) => r.t.fields[key] ?? words(key);

// Fields that hold a code, which the catalog turns into words; a name or text a person typed is shown as typed.
const codeFields = new Set(['role', 'stage', 'actor', 'verb', 'subjectType', 'status', 'kind', 'template']);

/** One value in a sentence's words: a moment in local time, yes/no, a small object as "label: value" pairs. */
function plain(r: Reader, v: unknown, key = ''): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? r.t.yes : r.t.no;
  if (typeof v === 'string' && isoMoment.test(v)) return `${formatDate(r.lang, v, r.timeZone)} ${formatTime(r.lang, v, r.timeZone)}`;
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((item) => plain(r, item)).join(', ');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, item]) => `${label(r, k).toLowerCase()}: ${plain(r, item, k)}`).join('; ');
  if (typeof v === 'string' && codeFields.has(key)) return r.t.values[v] ?? v;
  return String(v);
}

/** One kind of data in a section: a sentence when there is none, a list of labels for one thing, a table for many. */
function Kind(props: { r: Reader; name: string; value: unknown }): Html {
  const { r, name, value } = props;
  const title = r.t.kinds[name] ?? words(name);
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return <><h4>{title}</h4><p>{r.t.nothingKept}</p></>;
  }
  if (Array.isArray(value)) {
    const rows = value.filter((row) => row && typeof row === 'object' && !Array.isArray(row)) as Record<string, unknown>[];
    if (rows.length !== value.length) return <><h4>{title}</h4><ul>{value.map((item) => <li>{plain(r, item)}</li>)}</ul></>;
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    return (
      <>
        <h4>{title}</h4>
        <p>{plural(r.lang, rows.length, r.t.count)}</p>
        {/* Wide tables scroll on a phone; focusable, so a keyboard scrolls them too. */}
        <div class="scroll" role="region" aria-label={title} tabindex="0">
          <table>
            <thead><tr>{columns.map((c) => <th scope="col">{label(r, c)}</th>)}</tr></thead>
            <tbody>{rows.map((row) => <tr>{columns.map((c) => <td>{plain(r, row[c], c)}</td>)}</tr>)}</tbody>
          </table>
        </div>
      </>
    );
  }
  if (typeof value === 'object') {
    return (
      <>
        <h4>{title}</h4>
        <dl>
          {Object.entries(value as Record<string, unknown>).map(([k, item]) => (
            <><dt>{label(r, k)}</dt><dd>{plain(r, item, k)}</dd></>
          ))}
        </dl>
      </>
    );
  }
  return <><h4>{title}</h4><p>{plain(r, value)}</p></>;
}

export function renderAccessReport(archive: AccessArchive, lang: Language, timeZone: string): string {
  const t = messages(lang).privacyRights.report;
  const r: Reader = { t, lang, timeZone };
  const info = archive.information;
  // The account first, as a person looks for it; the other parts in the catalog's order, unknown ones last.
  const order = Object.keys(t.sections);
  const sections = Object.entries(archive.data).sort(([a], [b]) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1));
  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.title(archive.portal.name)}</title>
        <style>{raw('body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}h2{margin-top:2.5rem;border-bottom:2px solid #c9d1d9}h3{margin-top:2rem}h4{margin:1.25rem 0 .25rem}.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}th{background:#f3f6f9}dl{display:grid;grid-template-columns:minmax(10rem,16rem) minmax(0,1fr);gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}@media (max-width:30rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}}p,li{overflow-wrap:break-word}.note{color:#4a5560}@media print{.scroll{overflow:visible}}')}</style>
      </head>
      <body>
        <h1>{t.title(archive.portal.name)}</h1>
        <p>{t.generated(`${formatDate(lang, archive.generatedAt, timeZone)} ${formatTime(lang, archive.generatedAt, timeZone)}`)}</p>
        <p>{t.intro}</p>
        <nav aria-label={t.contents}>
          <ul>
            <li><a href="#data">{t.yourData}</a></li>
            <li><a href="#information">{t.information}</a></li>
          </ul>
        </nav>
        <h2 id="data">{t.yourData}</h2>
        {sections.map(([name, section]) => (
          <section>
            <h3>{t.sections[name] ?? words(name)}</h3>
            {section.note && <p class="note">{section.note[lang]}</p>}
            {section.items && typeof section.items === 'object' && !Array.isArray(section.items)
              ? Object.entries(section.items as Record<string, unknown>).map(([kind, value]) => <Kind r={r} name={kind} value={value} />)
              : <Kind r={r} name={name} value={section.items} />}
          </section>
        ))}
        <h2 id="information">{t.information}</h2>
        <h3>{t.purposesTitle}</h3>
        {info.purposes.map((p) => (
          <section>
            <h4>{p.name[lang]}</h4>
            <p>{t.purposeSentence(`${p.legalBasis[lang]} (${p.legalBasis.article})`)}</p>
            <p>{t.categories}:</p>
            <ul>{p.categories.map((c) => <li>{c[lang]}</li>)}</ul>
            <p>{t.retention}:</p>
            <ul>{p.retention.map((x) => <li>{x[lang]}</li>)}</ul>
          </section>
        ))}
        <h3>{t.recipients}</h3>
        {info.recipients.length === 0 ? <p>{t.noRecipients}</p> : <ul>{info.recipients.map((x) => <li>{x.name[lang]}: {x.receives[lang]}</li>)}</ul>}
        <h3>{t.transfers}</h3>
        <p>{info.transfers[lang]}</p>
        <h3>{t.rights}</h3>
        <ul>{info.rights.map((x) => <li>{x[lang]}</li>)}</ul>
        <h3>{t.complaint}</h3>
        <p>{info.complaintAuthority.name[lang]} — <a href={info.complaintAuthority.url}>{info.complaintAuthority.url}</a></p>
        <h3>{t.source}</h3>
        <p>{info.source[lang]}</p>
        <h3>{t.automated}</h3>
        <p>{info.automatedDecisions[lang]}</p>
      </body>
    </html>
  );
  return `<!doctype html>\n${page.value}`;
}
