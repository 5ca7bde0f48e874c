// Social-economy enterprises as a JSON array, with `latitude`/`longitude` members and enterprise numbers as strings.
import { addDays } from '../calendar.ts';
import { enterpriseNumber, organisationName } from '../companies.ts';
import type { DemoSource } from '../dataset.ts';
import { writeJsonArray } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { municipalities } from '../places.ts';
import { between, chance, integer, seeded, weighted } from '../prng.ts';

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** Recognition, how many there are, the size range in target-group employees, and the kinds of name they carry. */
const recognitions: [string, number, [number, number], string[]][] = [
  ['Maatwerkbedrijf', 105, [40, 950], ['Maatwerkbedrijf', 'Werkplaats', 'Atelier', 'Bedrijf']],
  ['Maatwerkafdeling', 45, [5, 40], ['Maatwerkafdeling', 'Sociale werkplaats', 'Werkhuis']],
  ['Lokale diensteneconomie', 290, [3, 60], ['Kringwinkel', 'Buurtwerkplaats', 'Fietsatelier', 'Sociaal restaurant', 'Groendienst', 'Strijkatelier']],
];

function records(): object[] {
  const random = seeded('sociale-economie-ondernemingen');
  const out: object[] = [];
  // Bigger towns host more initiatives.
  const weightedTowns = municipalities.map((m) => [m, Math.sqrt(m.population)] as const);
  for (const [recognition, count, [min, max], kinds] of recognitions) {
    for (let i = 0; i < count; i++) {
      const town = weighted(random, weightedTowns);
      const sinceDays = integer(random, 0, 365 * 20);
      out.push({
        Ondernemingsnummer: enterpriseNumber(random, chance(random, 0.1)),
        Naam: organisationName(random, kinds, ['vzw', 'cv', 'bv', ''], town.name),
        Erkenning: recognition,
        Gemeente: town.name,
        'NIS-code': town.nis,
        Provincie: town.province.name,
        latitude: round(town.lat + between(random, -0.015, 0.015), 6),
        longitude: round(town.lon + between(random, -0.022, 0.022), 6),
        Doelgroepwerknemers: Math.round(min + (max - min) * random() ** 2.2),
        'Erkend sinds': addDays('2004-07-01', sinceDays),
        Actief: chance(random, 0.94),
      });
    }
  }
  // Sorted as the register lists them, by municipality then name.
  return out.sort((a, b) => {
    const [x, y] = [a as Record<string, string>, b as Record<string, string>];
    return x.Gemeente === y.Gemeente ? (x.Naam < y.Naam ? -1 : x.Naam > y.Naam ? 1 : 0) : x.Gemeente < y.Gemeente ? -1 : 1;
  });
}

export const socialeEconomie: DemoSource = {
  id: 'sociale-economie-ondernemingen',
  fileName: 'sociale_economie_ondernemingen.json',
  format: 'json',
  write: (path) => writeJsonArray(path, records()),
  meta: demoMeta({
    title: { nl: 'Erkende ondernemingen in de sociale economie', en: 'Recognised social-economy enterprises' },
    description: {
      nl: 'Maatwerkbedrijven, maatwerkafdelingen en initiatieven van de lokale diensteneconomie met hun erkenning, ligging en aantal doelgroepwerknemers. Demogegevens: de ondernemingen zijn verzonnen.',
      en: 'Sheltered and social workshops and local service-economy initiatives with their recognition, location and number of target-group employees. Demo data: the enterprises are made up.',
    },
    theme: ['SOCI', 'ECON'],
    keyword: {
      nl: ['sociale economie', 'maatwerkbedrijven', 'lokale diensteneconomie', 'doelgroepwerknemers'],
      en: ['social economy', 'sheltered workshops', 'local service economy', 'target-group employees'],
    },
    temporal: null,
    accrualPeriodicity: 'QUARTERLY',
    fields: {
      Ondernemingsnummer: { description: 'Ondernemingsnummer in de Kruispuntbank van Ondernemingen, zonder punten' },
      Erkenning: { description: 'Soort erkenning door de Vlaamse overheid', facet: true },
      Gemeente: { facet: true },
      'NIS-code': { description: 'NIS-code van de gemeente van de hoofdzetel' },
      Provincie: { facet: true },
      latitude: { description: 'Breedtegraad van de hoofdzetel (WGS 84)' },
      longitude: { description: 'Lengtegraad van de hoofdzetel (WGS 84)' },
      Doelgroepwerknemers: { description: 'Aantal doelgroepwerknemers in voltijdse equivalenten, afgerond', unit: 'VTE' },
      'Erkend sinds': { description: 'Datum van de eerste erkenning' },
      Actief: { description: 'De erkenning loopt nog', facet: true },
    },
  }),
};
