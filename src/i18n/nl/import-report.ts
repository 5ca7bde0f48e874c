// Dutch: the import report, one sentence per decision, on the review page and from `opaal import`.
import type { Counted } from '../plural.ts';

/** An example of the engine's import report (`ReportExample`), as far as the sentences use it. */
export interface ReportExample {
  row: number;
  value: string;
  readings: (string | null)[];
}

type Place = (row: number) => string;
/** Numbers and sizes as the page's language writes them. */
export interface Formats {
  number(n: number): string;
  bytes(n: number): string;
}
const as = (e: ReportExample, k = 0) => e.readings[k] ?? '—';

export const importReport = {
  title: 'Importverslag',
  intro: 'Wat de import las en besliste, per veld. Punten om te controleren moeten bekeken zijn voor u publiceert.',
  none: 'Deze versie werd geïmporteerd voor Opaal importverslagen bijhield.',
  field: 'Veld',
  type: 'Type',
  format: 'Notatie',
  values: 'Waarden',
  unreadable: 'Onleesbaar',
  notes: 'Beslissingen',
  check: 'Controleren',
  info: 'Ter info',
  checksTitle: { one: (n) => `${n} punt om te controleren`, other: (n) => `${n} punten om te controleren` } as Counted,
  checksIntro: 'Niets in het bestand besliste hoe deze waarden te lezen. Kies hieronder het type en de notatie van het veld, of bevestig bij het publiceren dat u ze bekeken hebt.',
  place: { line: (row: number) => `regel ${row}`, record: (row: number) => `record ${row}` } as Record<'line' | 'record', Place>,
  records: { one: (n) => `${n} record`, other: (n) => `${n} records` } as Counted,
  delimiter: (d: string) => `scheidingsteken ${d === '\t' ? 'tab' : `“${d}”`}`,
  /** Where an import failed: the file and, when known, the line. */
  failureAt: (file: string, line: number | undefined) => (line === undefined ? file : `${file}, regel ${line}`),
  /** Why a file could not be imported; src/web/reasons.ts checks the codes against the engine's (ImportWords). */
  failures: {
    unknown_format: (p: { extension: string; supported: string }) => `Het formaat „${p.extension}” kennen we niet; dit portaal importeert ${p.supported}.`,
    xls: () => 'XLS-bestanden (Excel 97-2003) worden niet gelezen; bewaar het blad als XLSX of CSV.',
    not_xlsx: () => 'Dit is geen leesbare XLSX-werkmap.',
    unreadable: () => 'Het bestand bestaat niet of kan niet gelezen worden.',
    empty: () => 'Het bestand is leeg.',
    too_big: (p: { bytes: number; limit: number }, f: Formats) => `Het bestand is ${f.bytes(p.bytes)}; het grootste dat dit portaal aanvaardt is ${f.bytes(p.limit)}.`,
    no_records: () => 'Het bestand heeft kolomnamen maar geen records.',
    disk_full: () => 'De schijf is vol; maak ruimte vrij in de gegevensmap en importeer opnieuw.',
    out_of_memory: () => 'De gegevensmotor had te weinig geheugen voor dit bestand; importeer minder kolommen, of laat de beheerder DUCKDB_MEMORY_LIMIT verhogen.',
    too_many_columns: (p: { columns: number; limit: number }, f: Formats) => `Het bestand heeft ${f.number(p.columns)} kolommen; dit portaal importeert er hoogstens ${f.number(p.limit)}.`,
    workbook_too_large: () => 'De werkmap is te groot om te importeren.',
    too_many_cells: (p: { limit: number }, f: Formats) => `Het blad heeft meer dan ${f.number(p.limit)} cellen, lege rijen ertussen meegeteld.`,
    no_header: () => 'Het bestand heeft geen rij met kolomnamen.',
    utf16: () => 'UTF-16-bestanden worden niet gelezen; bewaar het bestand als UTF-8.',
    binary: () => 'Dit lijkt een binair bestand, geen CSV-tekst.',
    bad_sep: (p: { sep: string }) => `De eerste regel „sep=${p.sep}” noemt een scheidingsteken dat we niet lezen; gebruik ; , | of een tab.`,
    open_quote: () => 'Een waarde tussen aanhalingstekens wordt niet afgesloten.',
    first_record_long: () => 'Het eerste record is langer dan 1 MiB; staat er een aanhalingsteken open, of is dit geen CSV?',
    line_too_long: () => 'Een regel is langer dan 2 MB; is het scheidingsteken juist?',
    column_count: (p: { expected: number; found: number }, f: Formats) => `Verwacht: ${f.number(p.expected)} waarden (zoals in de kolomnamen), gevonden: ${f.number(p.found)}.`,
    not_utf8: () => 'Het bestand is hier geen geldige UTF-8 (gemengde tekencoderingen?); bewaar het als UTF-8.',
    not_windows_1252: () => 'Het bestand kon niet gelezen worden als Windows-1252-tekst.',
    bad_row: () => 'Deze rij kon niet gelezen worden.',
    too_deep: (p: { levels: number }) => `Lijsten en objecten zijn dieper genest dan ${p.levels} niveaus, meer dan dit portaal leest.`,
    not_json: () => 'Dit is geen geldige JSON.',
    not_object: (p: { record: number }, f: Formats) => `Record ${f.number(p.record)} is geen JSON-object; geef een lijst van objecten, of één object per regel.`,
    no_collection: () => 'Een GeoJSON-bestand moet een FeatureCollection met een lijst features bevatten.',
    no_features: () => 'De FeatureCollection heeft geen features.',
    not_feature: (p: { feature: number }, f: Formats) => `Feature ${f.number(p.feature)} is geen GeoJSON-Feature.`,
    feature_too_large: (p: { feature: number; limit: number }, f: Formats) => `Feature ${f.number(p.feature)} is groter dan ${f.bytes(p.limit)}, het meeste dat dit portaal als één feature leest.`,
    geometry_type: (p: { feature: number; type: string }, f: Formats) => `Feature ${f.number(p.feature)} heeft een onbekend geometrietype „${p.type}”.`,
    bad_geometry: (p: { feature: number }, f: Formats) => `De geometrie van feature ${f.number(p.feature)} kan niet gelezen worden (getallen, gesloten ringen, coördinaten binnen bereik).`,
    empty_first_row: () => 'De eerste rij van het eerste blad is leeg; zet de kolomnamen daar.',
    beyond_columns: (p: { width: number }, f: Formats) => `Deze rij heeft waarden voorbij de ${f.number(p.width)} benoemde kolommen.`,
  },
  /** The decisions that count values, for a count the language says in the singular (one value). */
  decisionsOne: {
    nearly: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `bijna elke waarde leest als ${f[0]}, maar ${count} niet${e ? `: ${e.value} (${at(e.row)})` : ''}; de kolom blijft tekst. Kies het type om de andere als ${f[0]} te lezen en deze leeg te laten, of verbeter het bestand.`,
    doubtful: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `${count} waarde, ${e ? `${e.value} (${at(e.row)})` : '…'}, is gelezen als ${f[0]}${e ? ` (${as(e, 0)})` : ''}${f[1] ? `, maar is ${e ? as(e, 1) : ''} in de notatie ${f[1]}` : ''}. Controleer het.`,
    unreadable: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `${count} waarde past niet bij ${f[0]} en is leeg gelaten${e ? `: ${e.value} (${at(e.row)})` : ''}.`,
  },
  decisions: {
    notation: (f: string[], e: ReportExample | undefined, at: Place) => `geschreven als ${f[0]}${e ? `: ${e.value} (${at(e.row)}) gelezen als ${as(e)}` : ''}.`,
    unit: (f: string[], e: ReportExample | undefined, at: Place) =>
      `de eenheid ${f[0]} is van elke waarde weggenomen en bewaard als de eenheid van het veld${e ? ` (${e.value}, ${at(e.row)}, gelezen als ${as(e)})` : ''}.`,
    thousands_by_delimiter: (_f: string[], e: ReportExample | undefined, at: Place) =>
      `${e ? `${e.value} (${at(e.row)}) gelezen als ${as(e)}` : 'punten gelezen als duizendtallen'}, want het bestand is gescheiden met “;”: zo schrijft men in België en Nederland duizendtallen met een punt.`,
    thousands_by_decimal_comma: (_f: string[], e: ReportExample | undefined, at: Place) =>
      `${e ? `${e.value} (${at(e.row)}) gelezen als ${as(e)}` : 'punten gelezen als duizendtallen'}, want andere kolommen van het bestand schrijven decimalen met een komma.`,
    decimal_comma_by_delimiter: (_f: string[], e: ReportExample | undefined, at: Place) =>
      `${e ? `${e.value} (${at(e.row)}) gelezen als ${as(e)}` : 'komma’s gelezen als decimaalteken'}: de komma is het decimaalteken, want het bestand is gescheiden met “;”.`,
    settled: (f: string[], e: ReportExample | undefined, at: Place) =>
      `${e ? `${e.value} (${at(e.row)})` : 'Een waarde'} kan alleen als ${f[0]} gelezen worden, dus alle waarden zijn zo gelezen (niet als ${f[1]}).`,
    chosen: (f: string[]) => `type en notatie gekozen door een persoon: ${f[0]}.`,
    nearly: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `bijna elke waarde leest als ${f[0]}, maar ${count} niet${e ? `, zoals ${e.value} (${at(e.row)})` : ''}: de kolom blijft tekst. Kies het type om de andere als ${f[0]} te lezen en deze leeg te laten, of verbeter het bestand.`,
    ambiguous_text: (f: string[], e: ReportExample | undefined, at: Place) =>
      `niets in het bestand zegt of ${e ? `${e.value} (${at(e.row)})` : 'een waarde'} ${e ? as(e, 0) : ''} is (${f[0]}) of ${e ? as(e, 1) : ''} (${f[1]}): de kolom is als tekst geïmporteerd, zoals geschreven. Kies het type.`,
    ambiguous_implied: (f: string[], e: ReportExample | undefined, at: Place) =>
      `niets in deze kolom zegt of ${e ? `${e.value} (${at(e.row)})` : 'een waarde'} ${e ? as(e, 0) : ''} (${f[0]}) of ${e ? as(e, 1) : ''} (${f[1]}) is; gelezen als ${f[0]}, zoals de andere kolommen van het bestand schrijven. Controleer het.`,
    ambiguous_first: (f: string[], e: ReportExample | undefined, at: Place) =>
      `niets in deze kolom zegt of ${e ? `${e.value} (${at(e.row)})` : 'een waarde'} als ${f[0]} of als ${f[1]} te lezen is; gelezen als ${f[0]}${e ? ` (${as(e, 0)}, anders ${as(e, 1)})` : ''}. Controleer het.`,
    doubtful: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `${count} waarden zoals ${e ? `${e.value} (${at(e.row)})` : '…'} zijn gelezen als ${f[0]}${e ? ` (${as(e, 0)})` : ''}${f[1] ? `, maar zijn ${e ? as(e, 1) : ''} in de notatie ${f[1]}` : ''}. Controleer het.`,
    unreadable: (f: string[], e: ReportExample | undefined, at: Place, count: string) =>
      `${count} waarden passen niet bij ${f[0]} en zijn leeg gelaten${e ? `, zoals ${e.value} (${at(e.row)})` : ''}.`,
  },
};
