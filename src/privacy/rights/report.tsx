// The readable access report: the archive's data and its Art. 15(1)(a)-(h) information as one self-contained page.
import { messages, type Language } from '../../i18n/index.ts';
import { raw, type Html } from '../../html/jsx-runtime.ts';
import type { AccessArchive } from './archive.ts';


function Value(props: { value: unknown; none: string }): Html {
  const v = props.value;
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return <em>{props.none}</em>;
  if (Array.isArray(v) && v.every((row) => row && typeof row === 'object' && !Array.isArray(row))) {
    const columns = [...new Set(v.flatMap((row) => Object.keys(row as object)))];
    return (
      <table>
        <thead><tr>{columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
        <tbody>
          {v.map((row) => (
            <tr>{columns.map((c) => <td><Value value={(row as Record<string, unknown>)[c]} none="" /></td>)}</tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (typeof v === 'object') {
    return (
      <dl>
        {Object.entries(v as Record<string, unknown>).map(([k, item]) => (
          <>
            <dt>{k}</dt>
            <dd><Value value={item} none={props.none} /></dd>
          </>
        ))}
      </dl>
    );
  }
  return <>{String(v)}</>;
}

export function renderAccessReport(archive: AccessArchive, lang: Language): string {
  const t = messages(lang).privacyRights.report;
  const info = archive.information;
  const page = (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t.title(archive.portal.name)}</title>
        <style>{raw('body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}dt{font-weight:bold}')}</style>
      </head>
      <body>
        <h1>{t.title(archive.portal.name)}</h1>
        <p>{t.generated(archive.generatedAt)}</p>
        <h2>{t.yourData}</h2>
        {Object.entries(archive.data).map(([name, section]) => (
          <section>
            <h3>{t.sections[name] ?? name}</h3>
            {section.note && <p>{section.note[lang]}</p>}
            <Value value={section.items} none={t.none} />
          </section>
        ))}
        <h2>{t.information}</h2>
        <table>
          <thead>
            <tr><th scope="col">{t.purpose}</th><th scope="col">{t.legalBasis}</th><th scope="col">{t.categories}</th><th scope="col">{t.retention}</th></tr>
          </thead>
          <tbody>
            {info.purposes.map((p) => (
              <tr>
                <td>{p.name[lang]}</td>
                <td>{p.legalBasis[lang]} ({p.legalBasis.article})</td>
                <td>{p.categories.map((c) => c[lang]).join('; ')}</td>
                <td>{p.retention.map((r) => r[lang]).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t.recipients}</h3>
        {info.recipients.length === 0 ? <p>{t.noRecipients}</p> : <ul>{info.recipients.map((r) => <li>{r.name[lang]}: {r.receives[lang]}</li>)}</ul>}
        <h3>{t.transfers}</h3>
        <p>{info.transfers[lang]}</p>
        <h3>{t.rights}</h3>
        <ul>{info.rights.map((r) => <li>{r[lang]}</li>)}</ul>
        <h3>{t.complaint}</h3>
        <p>{info.complaintAuthority.name[lang]} — {info.complaintAuthority.url}</p>
        <h3>{t.source}</h3>
        <p>{info.source[lang]}</p>
        <h3>{t.automated}</h3>
        <p>{info.automatedDecisions[lang]}</p>
      </body>
    </html>
  );
  return `<!doctype html>\n${page.value}`;
}
