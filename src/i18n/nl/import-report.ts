// Dutch: the import report, one sentence per decision, on the review page and from `opaal import`.

/** An example of the engine's import report (`ReportExample`), as far as the sentences use it. */
export interface ReportExample {
  row: number;
  value: string;
  readings: (string | null)[];
}

type Place = (row: number) => string;
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
  checksTitle: (n: number) => (n === 1 ? '1 punt om te controleren' : `${n} punten om te controleren`),
  checksIntro: 'Niets in het bestand besliste hoe deze waarden te lezen. Kies hieronder het type en de notatie van het veld, of bevestig bij het publiceren dat u ze bekeken hebt.',
  place: { line: (row: number) => `regel ${row}`, record: (row: number) => `record ${row}` } as Record<'line' | 'record', Place>,
  records: (n: string) => `${n} records`,
  delimiter: (d: string) => `scheidingsteken ${d === '\t' ? 'tab' : `“${d}”`}`,
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
