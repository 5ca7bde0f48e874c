// Training courses on offer, as a `,` CSV with a UTF-8 BOM: dates, Brussels date-times, prices, booleans, "lat, lon".
import { addDays, brusselsDateTime, workingDay } from '../calendar.ts';
import { enterpriseNumber, organisationName } from '../companies.ts';
import type { DemoSource } from '../dataset.ts';
import { decimal, writeCsv, type Cell } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { municipalities, type Municipality } from '../places.ts';
import { between, chance, integer, pick, seeded, weighted, type Random } from '../prng.ts';

const header = [
  'Opleidingscode', 'Opleiding', 'Domein', 'Aanbieder', 'Ondernemingsnummer aanbieder', 'Gemeente', 'Locatie',
  'Begindatum', 'Einddatum', 'Inschrijven tot', 'Duur (uren)', 'Prijs (€)', 'Online', 'Opleidingscheques', 'Vrije plaatsen',
];

/** Domain and its courses, each with a typical length in hours. */
const catalogue: [string, [string, number][]][] = [
  ['ICT', [['Webontwikkelaar', 480], ['Python voor beginners', 24], ['Netwerkbeheerder', 320], ['Data-analyse met Excel', 16], ['Basis cyberveiligheid', 12], ['Cloud fundamentals', 20]]],
  ['Zorg', [['Zorgkundige', 600], ['Begeleider kinderopvang', 420], ['Logistiek assistent in de zorg', 160], ['EHBO op de werkvloer', 8]]],
  ['Bouw', [['Metselaar', 540], ['Elektricien residentieel', 480], ['Installateur sanitair', 400], ['Dakdekker', 360], ['Veiligheid op de bouwplaats (VCA)', 8]]],
  ['Logistiek', [['Heftruckchauffeur', 24], ['Magazijnmedewerker', 120], ['Vrachtwagenchauffeur CE', 280], ['Reachtruckchauffeur', 16]]],
  ['Horeca', [['Keukenmedewerker', 300], ['Zaalmedewerker', 180], ['Barista', 12], ['Hygiëne in de keuken (HACCP)', 6]]],
  ['Techniek', [['Onderhoudstechnicus', 520], ['CNC-operator', 360], ['TIG-lasser', 280], ['PLC-programmeur', 140], ['Industrieel elektricien', 460]]],
  ['Talen', [['Nederlands op de werkvloer', 60], ['Zakelijk Frans', 40], ['Engels voor klantencontact', 30]]],
  ['Administratie', [['Boekhouding, basis', 90], ['Administratief medewerker', 240], ['Kantoorsoftware', 18], ['Loonadministratie', 120]]],
];

interface Provider {
  name: string;
  number: string;
  home: Municipality;
  /** The public employment service trains jobseekers for free. */
  free: boolean;
}

function providers(random: Random): Provider[] {
  const towns = municipalities.filter((m) => m.population > 30_000);
  // One public employer service with a centre in each big town, all under one enterprise number.
  const publicNumber = enterpriseNumber(random);
  const list: Provider[] = towns.slice(0, 14).map((home) => ({
    name: `Competentiecentrum ${home.name}`,
    number: publicNumber,
    home,
    free: true,
  }));
  for (let i = 0; i < 26; i++) {
    const home = pick(random, towns);
    const name = organisationName(random, ['Opleidingscentrum', 'Leerwerkhuis', 'Academie', 'Vormingscentrum'], ['vzw', 'bv', ''], home.name);
    list.push({ name, number: enterpriseNumber(random, chance(random, 0.15)), home, free: false });
  }
  return list;
}

const point = (lat: number, lon: number) => `${lat.toFixed(4)}, ${lon.toFixed(4)}`;

function* rows(): Generator<Cell[]> {
  const random = seeded('opleidingsaanbod');
  const offered = providers(random);
  for (let n = 1; n <= 850; n++) {
    const [domain, courses] = pick(random, catalogue);
    const [course, typicalHours] = pick(random, courses);
    const provider = pick(random, offered);
    const online = (domain === 'ICT' || domain === 'Talen' || domain === 'Administratie') && chance(random, 0.35);
    const hours = Math.max(4, Math.round((typicalHours * between(random, 0.8, 1.2)) / 2) * 2);
    const perWeek = hours > 100 ? weighted(random, [[38, 3], [19, 2], [8, 1]] as const) : 8;
    const start = workingDay(addDays('2024-09-02', integer(random, 0, 300)));
    const end = workingDay(addDays(start, Math.max(0, Math.ceil(hours / perWeek) * 7 - 3)));
    const deadline = brusselsDateTime(addDays(start, -integer(random, 3, 21)), pick(random, [12, 17, 23]), pick(random, [0, 30, 59]));
    const price = provider.free ? 0 : Math.round((hours * between(random, 3, 11) + 35) / 5) * 5 - (chance(random, 0.3) ? 0.5 : 0);
    const site = provider.home;
    const location = online ? null : point(site.lat + between(random, -0.012, 0.012), site.lon + between(random, -0.018, 0.018));
    yield [
      `OPL-2425-${String(n).padStart(5, '0')}`, course, domain, provider.name, provider.number,
      online ? null : site.name, location, start, end, deadline, hours, decimal(price, 2), online,
      !provider.free && chance(random, 0.6), integer(random, 0, 18),
    ];
  }
}

export const opleidingen: DemoSource = {
  id: 'opleidingsaanbod',
  fileName: 'opleidingsaanbod_2024-2025.csv',
  format: 'csv',
  write: (path) => writeCsv(path, { delimiter: ',', lineEnding: '\n', bom: true }, header, rows()),
  meta: demoMeta({
    title: { nl: 'Opleidingsaanbod voor werkzoekenden en werknemers 2024-2025', en: 'Training courses for jobseekers and employees 2024-2025' },
    description: {
      nl: 'Beroepsopleidingen van het schooljaar 2024-2025 met hun aanbieder, plaats, begin- en einddatum, uiterste inschrijvingsdatum, prijs en of ze online lopen. Demogegevens: de aanbieders en opleidingen zijn verzonnen.',
      en: 'Vocational training courses of the 2024-2025 school year with their provider, place, start and end dates, registration deadline, price and whether they run online. Demo data: providers and courses are made up.',
    },
    theme: ['EDUC', 'SOCI'],
    keyword: { nl: ['opleidingen', 'vorming', 'opleidingscheques', 'levenslang leren'], en: ['training', 'courses', 'training vouchers', 'lifelong learning'] },
    temporal: { start: '2024-09-01', end: '2025-08-31' },
    accrualPeriodicity: 'WEEKLY',
    fields: {
      Opleidingscode: { description: 'Unieke code van de opleidingssessie' },
      Domein: { facet: true },
      Aanbieder: { facet: true },
      'Ondernemingsnummer aanbieder': { description: 'Ondernemingsnummer in de Kruispuntbank van Ondernemingen, tien cijfers met voorloopnul' },
      Gemeente: { description: 'Leeg voor opleidingen die volledig online lopen', facet: true },
      Locatie: { description: 'Ligging van het opleidingslokaal (breedtegraad, lengtegraad)' },
      'Inschrijven tot': { description: 'Uiterste moment om in te schrijven, Belgische tijd' },
      'Duur (uren)': { unit: 'uren' },
      'Prijs (€)': { description: 'Inschrijvingsgeld per deelnemer; 0 voor gratis opleidingen', unit: 'EUR' },
      Online: { facet: true },
      Opleidingscheques: { description: 'Betaalbaar met Vlaamse opleidingscheques', facet: true },
    },
  }),
};
