// Work-care (werkzorg) trajectories per year, province, form and gender, as JSON lines with a list-valued member.
import { addDays, brusselsDateTime } from '../calendar.ts';
import type { DemoSource } from '../dataset.ts';
import { writeJsonLines } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { provinces } from '../places.ts';
import { between, integer, jitter, sample, seeded } from '../prng.ts';

const forms: [string, number][] = [
  ['Werkzorg in een maatwerkbedrijf', 1.0],
  ['Werkzorg bij een zorgorganisatie', 0.7],
  ['Werkzorg bij een lokaal bestuur', 0.35],
];
const targetGroups = [
  'personen met een arbeidshandicap',
  'personen met een psychische kwetsbaarheid',
  'langdurig werkzoekenden',
  'leefloongerechtigden',
  'personen met een verslavingsproblematiek',
];
const years = [2021, 2022, 2023, 2024];
/** Figures for a year are final once its annual report is out; the last year is still provisional. */
const FINAL_UNTIL = 2023;

function records(): object[] {
  const random = seeded('werkzorg-trajecten');
  const out: object[] = [];
  for (const year of years) {
    const growth = 1 + 0.12 * (year - 2021);
    // Each year's figures are refreshed together early in the following year.
    const refreshed = brusselsDateTime(addDays(`${year + 1}-01-06`, integer(random, 0, 4)), integer(random, 8, 16), integer(random, 0, 59));
    for (const province of provinces) {
      for (const [form, weight] of forms) {
        for (const gender of ['M', 'V']) {
          const base = (province.population / 1000) * 0.32 * weight * growth * (gender === 'M' ? 0.58 : 0.42);
          const started = Math.round(base * jitter(random, 0.15));
          out.push({
            Jaar: year,
            Provincie: province.name,
            'NIS-code provincie': province.nis,
            Begeleidingsvorm: form,
            Geslacht: gender,
            'Gestarte trajecten': started,
            'Lopende trajecten op 31/12': Math.round(started * between(random, 1.6, 2.4)),
            'Uitstroom naar betaald werk (%)': Number(between(random, 6, 19).toFixed(1)),
            'Gemiddelde duur (maanden)': Number(between(random, 14, 30).toFixed(1)),
            Doelgroepen: sample(random, targetGroups, integer(random, 1, 3)),
            Definitief: year <= FINAL_UNTIL,
            'Bijgewerkt op': refreshed,
          });
        }
      }
    }
  }
  return out;
}

export const werkzorg: DemoSource = {
  id: 'werkzorg-trajecten',
  fileName: 'werkzorg_trajecten.jsonl',
  format: 'jsonl',
  write: (path) => writeJsonLines(path, records()),
  meta: demoMeta({
    title: { nl: 'Werk-zorgtrajecten per jaar en provincie', en: 'Work-care trajectories by year and province' },
    description: {
      nl: 'Gestarte en lopende werk-zorgtrajecten per jaar, provincie, begeleidingsvorm en geslacht, met de uitstroom naar betaald werk en de doelgroepen die het traject bereikt. Demogegevens: de cijfers zijn gesimuleerd.',
      en: 'Started and ongoing work-care trajectories by year, province, form of guidance and gender, with the outflow to paid work and the target groups reached. Demo data: the figures are simulated.',
    },
    theme: ['SOCI', 'HEAL'],
    keyword: { nl: ['werkzorg', 'arbeidszorg', 'begeleiding', 'kwetsbare groepen'], en: ['work-care', 'supported employment', 'guidance', 'vulnerable groups'] },
    temporal: { start: '2021-01-01', end: '2024-12-31' },
    accrualPeriodicity: 'ANNUAL',
    fields: {
      Provincie: { facet: true },
      Begeleidingsvorm: { facet: true },
      Geslacht: { description: 'M = man, V = vrouw', facet: true },
      'Gestarte trajecten': { description: 'Trajecten die in de loop van het jaar gestart zijn', unit: 'trajecten', aggregation: 'sum' },
      'Lopende trajecten op 31/12': { description: 'Trajecten die op 31 december van het jaar lopen', unit: 'trajecten', aggregation: 'avg' },
      'Uitstroom naar betaald werk (%)': { description: 'Aandeel van de afgesloten trajecten dat binnen zes maanden in betaald werk uitmondt', unit: '%' },
      'Gemiddelde duur (maanden)': { unit: 'maanden' },
      Doelgroepen: { description: 'De doelgroepen die het traject in deze groep bereikte', facet: true },
      Definitief: { description: 'De cijfers zijn definitief (jaarverslag verschenen)', facet: true },
      'Bijgewerkt op': { description: 'Moment van de laatste bijwerking van de cijfers, Belgische tijd' },
    },
  }),
};
