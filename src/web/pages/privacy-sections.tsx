// The stored sections of the privacy statement as a page: addresses and URLs become links and the retention rules a
// table, at rendering time, so the stored text and its digest stay exactly what was published.
import { categoryRetention } from '../../privacy/facts.ts';
import type { StatementSection } from '../../privacy/statement/text.ts';
import type { PageContext } from '../context.ts';
import type { Html } from '../../html/jsx-runtime.ts';

// An https URL (never ending in the sentence's full stop or comma) or an e-mail address.
const linkPattern = /(https?:\/\/[^\s,;()<>]*[^\s,;.()<>]|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** The text with its addresses and URLs as links; everything else stays text (escaped by the renderer). */
function Linked(props: { text: string }): Html {
  const parts = props.text.split(linkPattern);
  // split() with one capturing group: the odd parts are the matches.
  return <>{parts.map((part, i) => (i % 2 === 0 ? part : <a href={part.includes('@') && !part.startsWith('http') ? `mailto:${part}` : part}>{part}</a>))}</>;
}

interface RetentionRow {
  what: string;
  rules: string[];
}

/**
 * The retention items as rows: an item that is exactly what the catalogs write for a category today gets one row per
 * rule; any other item (an older version's wording) stays one row as it was stored.
 */
function retentionRows(ctx: PageContext, items: string[]): RetentionRow[] {
  const w = ctx.t.privacyStatement;
  const terms = ctx.t.privacyTerms;
  const known = new Map<string, RetentionRow>();
  for (const c of categoryRetention()) {
    const rules = c.retentions.map((r) => terms.retention[r]);
    known.set(w.retentionItem(terms.categories[c.category], rules.join('; ')), { what: terms.categories[c.category], rules });
  }
  return items.map((item) => known.get(item) ?? { what: '', rules: [item] });
}

function RetentionTable(props: { ctx: PageContext; items: string[] }): Html {
  const t = props.ctx.t.privacy.retentionTable;
  return (
    <div class="table-scroll">
      <table class="retention">
        <caption>{t.caption}</caption>
        <thead><tr><th scope="col">{t.what}</th><th scope="col">{t.rule}</th></tr></thead>
        <tbody>
          {retentionRows(props.ctx, props.items).map((row) => row.rules.map((rule, i) => (
            <tr>
              {i === 0 && <th scope="row" rowspan={row.rules.length > 1 ? String(row.rules.length) : undefined}>{row.what}</th>}
              <td>{rule}</td>
            </tr>
          )))}
        </tbody>
      </table>
    </div>
  );
}

/** The sections of a statement; `request` adds the way to the request form under the rights. */
export function Sections(props: { ctx: PageContext; sections: StatementSection[]; request?: boolean }): Html {
  const { ctx } = props;
  const w = ctx.t.privacyStatement;
  return (
    <>
      {props.sections.map((section) => (
        <section>
          <h2>{section.heading}</h2>
          {section.paragraphs.map((p) => <p class="prose"><Linked text={p} /></p>)}
          {section.items && section.items.length > 0 && (section.heading === w.retention
            ? <RetentionTable ctx={ctx} items={section.items} />
            : <ul class="prose">{section.items.map((item) => <li><Linked text={item} /></li>)}</ul>)}
          {props.request && section.heading === w.rights && <p><a href={ctx.link('/-/privacy/request')}>{ctx.t.privacy.requestLink}</a></p>}
        </section>
      ))}
    </>
  );
}
