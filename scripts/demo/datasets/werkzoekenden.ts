// The big one: jobseekers per municipality, month, gender and age group, as a `;` CSV with decimal commas and CRLF.
import { daysInMonth, isoDate, months } from '../calendar.ts';
import type { DemoSource } from '../dataset.ts';
import { decimal, writeCsv, type Cell } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { municipalities, type Municipality } from '../places.ts';
import { hash, jitter, mulberry32, seeded } from '../prng.ts';

const header = ['Referentiedatum', 'NIS-code', 'Gemeente', 'Provincie', 'Geslacht', 'Leeftijdsgroep', 'Aantal werkzoekenden', 'Werkzoekendengraad (%)'];

const genders: [string, number, number][] = [
  // code, share of the labour force, relative jobseeker rate
  ['M', 0.53, 1.06],
  ['V', 0.47, 0.93],
];
const ageGroups: [string, number, number][] = [
  ['<25', 0.1, 1.35],
  ['25-39', 0.36, 1.05],
  ['40-54', 0.36, 0.78],
  ['55+', 0.18, 1.1],
];
/** January to December: winter and the summer school-leavers raise the count. */
const season = [1.04, 1.02, 0.99, 0.97, 0.95, 0.95, 1.03, 1.07, 1.04, 1.0, 0.98, 0.99];
const provinceRate: Record<string, number> = {
  Antwerpen: 0.058,
  'Vlaams-Brabant': 0.045,
  'West-Vlaanderen': 0.038,
  'Oost-Vlaanderen': 0.05,
  Limburg: 0.056,
};
const ACTIVE_SHARE = 0.47;
const period = months(2021, 1, 48);

/** After the 2021 peak the count falls through 2022, then creeps up again. */
function trend(index: number): number {
  return index < 18 ? 1.14 - (0.2 * index) / 18 : 0.94 + (0.09 * (index - 18)) / 30;
}

function municipalityRate(m: Municipality): number {
  const own = mulberry32(hash(`rate:${m.nis}`));
  return provinceRate[m.province.name] * (m.urban ? 1.75 : 1) * jitter(own, 0.25);
}

function* rows(): Generator<Cell[]> {
  const random = seeded('werkzoekenden-per-gemeente');
  const rates = new Map(municipalities.map((m) => [m.nis, municipalityRate(m)]));
  for (const [index, [year, month]] of period.entries()) {
    const date = isoDate(year, month, daysInMonth(year, month));
    const general = trend(index);
    for (const m of municipalities) {
      const rate = rates.get(m.nis)!;
      for (const [gender, genderShare, genderRate] of genders) {
        for (const [age, ageShare, ageRate] of ageGroups) {
          const seasonal = age === '<25' ? 1 + (season[month - 1] - 1) * 2.5 : season[month - 1];
          const labourForce = m.population * ACTIVE_SHARE * genderShare * ageShare;
          const count = Math.round(labourForce * rate * genderRate * ageRate * general * seasonal * jitter(random, 0.06));
          const percentage = labourForce > 0 ? (100 * count) / labourForce : 0;
          yield [date, m.nis, m.name, m.province.name, gender, age, count, decimal(percentage, 1, true)];
        }
      }
    }
  }
}

export const werkzoekenden: DemoSource = {
  id: 'werkzoekenden-per-gemeente',
  fileName: 'werkzoekenden_gemeente_2021-2024.csv',
  format: 'csv',
  write: (path) => writeCsv(path, { delimiter: ';', lineEnding: '\r\n', bom: false }, header, rows()),
  meta: demoMeta({
    title: {
      nl: 'Niet-werkende werkzoekenden per gemeente',
      en: 'Unemployed jobseekers per municipality',
    },
    description: {
      nl: 'Maandelijks aantal niet-werkende werkzoekenden (NWWZ) per Vlaamse gemeente, uitgesplitst naar geslacht en leeftijdsgroep, met de werkzoekendengraad ten opzichte van de beroepsbevolking. Demogegevens: de cijfers zijn gesimuleerd.',
      en: 'Monthly number of unemployed jobseekers per Flemish municipality, by gender and age group, with the jobseeker rate relative to the labour force. Demo data: the figures are simulated.',
    },
    theme: ['SOCI', 'ECON'],
    keyword: {
      nl: ['werkzoekenden', 'werkloosheid', 'arbeidsmarkt', 'gemeente'],
      en: ['jobseekers', 'unemployment', 'labour market', 'municipality'],
    },
    temporal: { start: '2021-01-01', end: '2024-12-31' },
    accrualPeriodicity: 'MONTHLY',
    // One record per month, municipality, gender and age group: what a new month's version changes is named by these.
    key: ['Referentiedatum', 'NIS-code', 'Geslacht', 'Leeftijdsgroep'],
    fields: {
      Referentiedatum: { description: 'Laatste dag van de maand waarop de werkzoekenden geteld zijn', en: 'Reference date' },
      'NIS-code': { description: 'NIS-code van de gemeente (Statbel)', type: 'text', en: 'NIS code' },
      Gemeente: { facet: true, en: 'Municipality' },
      Provincie: { facet: true, en: 'Province' },
      Geslacht: { description: 'M = man, V = vrouw', facet: true, en: 'Gender' },
      Leeftijdsgroep: { facet: true, en: 'Age group' },
      // A stock, counted at each month's end: a year's figure is the average of its months, never their sum.
      'Aantal werkzoekenden': {
        description: 'Aantal niet-werkende werkzoekenden op de laatste dag van de maand',
        unit: 'personen',
        en: 'Unemployed jobseekers',
        aggregation: 'avg',
      },
      'Werkzoekendengraad (%)': {
        description: 'Niet-werkende werkzoekenden als aandeel van de beroepsbevolking in dezelfde groep',
        unit: '%',
        en: 'Jobseeker rate (%)',
        aggregation: 'avg',
      },
    },
  }),
};
