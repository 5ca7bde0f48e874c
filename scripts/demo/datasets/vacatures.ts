// Vacancies received and open per NACE section, province and month, as a tab-delimited export.
import { isoDate, months } from '../calendar.ts';
import type { DemoSource } from '../dataset.ts';
import { decimal, writeCsv, type Cell } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { provinces } from '../places.ts';
import { jitter, seeded } from '../prng.ts';

const header = ['Maand', 'Provincie', 'NACE-sectie', 'Sector', 'Ontvangen vacatures', 'Openstaande vacatures', 'Gemiddelde looptijd (dagen)', 'Knelpuntsector'];

/** Section, Dutch name, share of all vacancies, typical days open, whether it counts as a sector with hard-to-fill jobs. */
export const naceSections: [string, string, number, number, boolean][] = [
  ['A', 'Landbouw, bosbouw en visserij', 0.012, 41, false],
  ['B', 'Winning van delfstoffen', 0.001, 52, false],
  ['C', 'Industrie', 0.1, 63, true],
  ['D', 'Productie en distributie van elektriciteit, gas, stoom en gekoelde lucht', 0.003, 70, true],
  ['E', 'Distributie van water; afval- en afvalwaterbeheer en sanering', 0.006, 48, false],
  ['F', 'Bouwnijverheid', 0.07, 71, true],
  ['G', "Groot- en detailhandel; reparatie van auto's en motorfietsen", 0.12, 39, false],
  ['H', 'Vervoer en opslag', 0.06, 55, true],
  ['I', 'Verschaffen van accommodatie en maaltijden', 0.06, 44, true],
  ['J', 'Informatie en communicatie', 0.03, 76, true],
  ['K', 'Financiële activiteiten en verzekeringen', 0.015, 58, false],
  ['L', 'Exploitatie van en handel in onroerend goed', 0.004, 45, false],
  ['M', 'Vrije beroepen en wetenschappelijke en technische activiteiten', 0.05, 68, true],
  ['N', 'Administratieve en ondersteunende diensten', 0.3, 29, false],
  ['O', 'Openbaar bestuur en defensie; verplichte sociale verzekeringen', 0.02, 61, false],
  ['P', 'Onderwijs', 0.03, 35, true],
  ['Q', 'Menselijke gezondheidszorg en maatschappelijke dienstverlening', 0.11, 74, true],
  ['R', 'Kunst, amusement en recreatie', 0.01, 37, false],
  ['S', 'Overige diensten', 0.015, 42, false],
];
const provinceShare: Record<string, number> = {
  Antwerpen: 0.31,
  'Vlaams-Brabant': 0.17,
  'West-Vlaanderen': 0.19,
  'Oost-Vlaanderen': 0.22,
  Limburg: 0.11,
};
const season = [1.08, 1.03, 1.06, 0.99, 0.97, 1.02, 0.84, 0.88, 1.09, 1.05, 0.98, 0.82];
const MONTHLY_TOTAL = 29_000;

/** Vacancies peaked in 2022 and cooled after. */
function trend(index: number): number {
  return index < 16 ? 0.92 + (0.2 * index) / 16 : 1.12 - (0.22 * (index - 16)) / 32;
}

function* rows(): Generator<Cell[]> {
  const random = seeded('vacatures-per-sector');
  for (const [index, [year, month]] of months(2021, 1, 48).entries()) {
    const level = MONTHLY_TOTAL * trend(index) * season[month - 1];
    for (const province of provinces) {
      for (const [code, name, share, days, shortage] of naceSections) {
        const received = Math.round(level * provinceShare[province.name] * share * jitter(random, 0.12));
        const open = Math.round(received * (days / 30) * 1.1 * jitter(random, 0.1));
        const duration = days * trend(index) * jitter(random, 0.15);
        yield [isoDate(year, month, 1), province.name, code, name, received, open, decimal(duration, 1), shortage];
      }
    }
  }
}

export const vacatures: DemoSource = {
  id: 'vacatures-per-sector',
  fileName: 'vacatures_sector_provincie.tsv',
  format: 'csv',
  write: (path) => writeCsv(path, { delimiter: '\t', lineEnding: '\n', bom: false }, header, rows()),
  meta: demoMeta({
    title: { nl: 'Vacatures per sector en provincie', en: 'Job vacancies by sector and province' },
    description: {
      nl: 'Maandelijks aantal ontvangen en openstaande vacatures per NACE-sectie en provincie, met de gemiddelde looptijd van een vacature. Demogegevens: de cijfers zijn gesimuleerd.',
      en: 'Monthly number of received and open job vacancies per NACE section and province, with the average time a vacancy stays open. Demo data: the figures are simulated.',
    },
    theme: ['ECON', 'SOCI'],
    keyword: {
      nl: ['vacatures', 'arbeidsmarkt', 'knelpuntberoepen', 'NACE'],
      en: ['job vacancies', 'labour market', 'shortage occupations', 'NACE'],
    },
    temporal: { start: '2021-01-01', end: '2024-12-31' },
    accrualPeriodicity: 'MONTHLY',
    fields: {
      Maand: { description: 'Eerste dag van de maand waarin de vacatures ontvangen zijn' },
      Provincie: { facet: true },
      'NACE-sectie': { description: 'Sectie van de NACE-BEL 2008-nomenclatuur', facet: true },
      Sector: { facet: true },
      // Received in the month is a flow (it adds up); open at the month's end is a stock (it is averaged).
      'Ontvangen vacatures': { description: 'Vacatures die in de loop van de maand zijn ontvangen', unit: 'vacatures', aggregation: 'sum' },
      'Openstaande vacatures': { description: 'Vacatures die op het einde van de maand nog openstaan', unit: 'vacatures', aggregation: 'avg' },
      'Gemiddelde looptijd (dagen)': { unit: 'dagen' },
      Knelpuntsector: { description: 'De sector telt minstens één knelpuntberoep op de lijst van het jaar', facet: true },
    },
  }),
};
