// Offices of recognised service-voucher companies as a GeoJSON FeatureCollection of Points.
import { addDays } from '../calendar.ts';
import { enterpriseNumber, organisationName } from '../companies.ts';
import type { DemoSource } from '../dataset.ts';
import { writeFeatureCollection, type Feature } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { municipalities } from '../places.ts';
import { between, chance, integer, seeded, weighted } from '../prng.ts';

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** Kind of company, its share, and how many domestic helpers an office typically employs. */
const kinds: [string, number, number][] = [
  ['Privéonderneming', 0.55, 45],
  ['Uitzendkantoor', 0.2, 110],
  ['Vzw', 0.12, 35],
  ['OCMW of lokaal bestuur', 0.08, 60],
  ['Zelfstandige', 0.05, 8],
];

function features(): Feature[] {
  const random = seeded('dienstencheque-kantoren');
  const towns = municipalities.map((m) => [m, m.population ** 0.7] as const);
  const out: Feature[] = [];
  for (let i = 0; i < 380; i++) {
    const town = weighted(random, towns);
    const [kind, , typical] = weighted(random, kinds.map((k) => [k, k[1]] as const));
    const name =
      kind === 'OCMW of lokaal bestuur'
        ? `Dienstencheques OCMW ${town.name}`
        : organisationName(random, ['Huishoudhulp', 'Poetsdienst', 'Thuishulp', 'Strijkdienst', 'Dienstenbureau'], kind === 'Vzw' ? ['vzw'] : ['bv', 'nv', ''], town.name);
    const lat = round(town.lat + between(random, -0.012, 0.012), 6);
    const lon = round(town.lon + between(random, -0.018, 0.018), 6);
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: {
        // Recognition numbers are five digits; the early ones keep their leading zeros.
        Erkenningsnummer: String(integer(random, 1, 99_999)).padStart(5, '0'),
        Onderneming: name,
        Ondernemingsnummer: enterpriseNumber(random, chance(random, 0.2)),
        'Type onderneming': kind,
        Gemeente: town.name,
        Provincie: town.province.name,
        Huishoudhulpen: Math.max(1, Math.round(typical * between(random, 0.3, 1.8))),
        Strijkatelier: chance(random, 0.3),
        'Erkend sinds': addDays('2004-01-01', integer(random, 0, 365 * 20)),
      },
    });
  }
  return out;
}

export const dienstencheques: DemoSource = {
  id: 'dienstencheque-kantoren',
  fileName: 'dienstencheque_kantoren.geojson',
  format: 'geojson',
  write: (path) => writeFeatureCollection(path, 'dienstencheque_kantoren', features()),
  meta: demoMeta({
    title: { nl: 'Kantoren van erkende dienstencheque-ondernemingen', en: 'Offices of recognised service-voucher companies' },
    description: {
      nl: 'Ligging van de kantoren van ondernemingen die erkend zijn om huishoudelijke hulp met dienstencheques aan te bieden, met het soort onderneming en het aantal huishoudhulpen. Demogegevens: de ondernemingen zijn verzonnen.',
      en: 'Locations of the offices of companies recognised to provide household help paid with service vouchers, with the kind of company and the number of domestic helpers. Demo data: the companies are made up.',
    },
    theme: ['SOCI', 'ECON', 'REGI'],
    keyword: { nl: ['dienstencheques', 'huishoudhulp', 'erkenning', 'kaart'], en: ['service vouchers', 'household help', 'recognition', 'map'] },
    temporal: null,
    accrualPeriodicity: 'MONTHLY',
    fields: {
      Erkenningsnummer: { description: 'Nummer van de erkenning als dienstencheque-onderneming' },
      'Type onderneming': { facet: true },
      Gemeente: { facet: true },
      Provincie: { facet: true },
      Huishoudhulpen: { description: 'Huishoudhulpen met een lopend contract bij dit kantoor', unit: 'personen' },
      Strijkatelier: { description: 'Het kantoor heeft een strijkatelier', facet: true },
    },
  }),
};
