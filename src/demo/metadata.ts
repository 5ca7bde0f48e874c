// Metadata of the demo datasets, in the catalog model's names (as `opaal import --meta` takes it).
const common = {
  publisher: { name: 'Departement Werk en Sociale Economie', uri: 'https://data.vlaanderen.be/id/organisatie/OVO003949' },
  contactPoint: { name: 'Team Data en Analyse', email: 'data@wse.example', url: null },
  license: { title: 'Modellicentie Gratis Hergebruik', url: 'https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0' },
  language: ['nl'],
  spatial: ['Vlaanderen'],
  accessRights: 'PUBLIC',
};

const demoNote = {
  nl: ' Demonstratiegegevens: de cijfers zijn gegenereerd en niet echt.',
  en: ' Demonstration data: the figures are generated, not real.',
};

type Entry = {
  title: [string, string];
  description: [string, string];
  theme: string[];
  keyword: [string[], string[]];
  accrualPeriodicity: string;
  temporal?: [string, string];
  visibility?: 'public' | 'restricted';
  fields?: { name: string; label?: string; description?: string; type?: string; annotations?: Record<string, string[]> }[];
};

const facet = { facet: [] };

const entries: Record<string, Entry> = {
  'werkzoekenden-per-gemeente': {
    title: ['Niet-werkende werkzoekenden per gemeente', 'Unemployed jobseekers per municipality'],
    description: ['Aantal niet-werkende werkzoekenden op de laatste dag van de maand, per gemeente, geslacht, leeftijdsgroep en opleidingsniveau.', 'Number of unemployed jobseekers on the last day of the month, per municipality, gender, age group and education level.'],
    theme: ['ECON', 'SOCI'],
    keyword: [['werkzoekenden', 'werkloosheid', 'arbeidsmarkt'], ['jobseekers', 'unemployment', 'labour market']],
    accrualPeriodicity: 'MONTHLY',
    temporal: ['2020-01-01', '2024-12-31'],
    fields: [
      { name: 'gemeente', annotations: facet },
      { name: 'nis_code', label: 'NIS-code', type: 'text', description: 'Code van de gemeente bij Statbel' },
      { name: 'provincie', annotations: facet },
      { name: 'geslacht', description: 'M: man, V: vrouw', annotations: facet },
      { name: 'leeftijdsgroep', annotations: facet },
      { name: 'opleidingsniveau', annotations: facet },
      { name: 'aantal_werkzoekenden', description: 'Niet-werkende werkzoekenden op de laatste dag van de maand', annotations: { unit: ['personen'] } },
      { name: 'werkzoekendengraad', annotations: { unit: ['%'] } },
    ],
  },
  'vacatures-per-sector': {
    title: ['Vacatures per sector', 'Vacancies by sector'],
    description: ['Ontvangen en openstaande vacatures per maand en sector (NACE-afdeling).', 'Received and open vacancies per month and sector (NACE division).'],
    theme: ['ECON'],
    keyword: [['vacatures', 'sectoren', 'knelpuntberoepen'], ['vacancies', 'sectors']],
    accrualPeriodicity: 'MONTHLY',
    temporal: ['2020-01-01', '2024-12-31'],
    fields: [{ name: 'sector', annotations: facet }, { name: 'nace_code', label: 'NACE-code', description: 'NACE-BEL afdeling, met voorloopnul' }],
  },
  'sociale-economie-ondernemingen': {
    title: ['Erkende sociale-economieondernemingen', 'Recognised social economy enterprises'],
    description: ['Maatwerkbedrijven, lokale diensteneconomie en andere erkende sociale-economieondernemingen met hun ligging.', 'Custom-work companies, local service economy and other recognised social economy enterprises with their location.'],
    theme: ['SOCI', 'ECON'],
    keyword: [['sociale economie', 'maatwerk'], ['social economy']],
    accrualPeriodicity: 'QUARTERLY',
    fields: [{ name: 'type', annotations: facet }, { name: 'gemeente', annotations: facet }, { name: 'actief', annotations: facet }],
  },
  'dienstencheques-gebruik': {
    title: ['Gebruik van dienstencheques', 'Use of service vouchers'],
    description: ['Gebruikers en gebruikte dienstencheques per jaar en provincie.', 'Users and service vouchers used per year and province.'],
    theme: ['SOCI', 'ECON'],
    keyword: [['dienstencheques', 'huishoudhulp'], ['service vouchers']],
    accrualPeriodicity: 'ANNUAL',
    temporal: ['2015-01-01', '2024-12-31'],
    fields: [{ name: 'provincie', annotations: facet }, { name: 'gemiddelde_prijs', annotations: { unit: ['EUR'] } }],
  },
  opleidingen: {
    title: ['Opleidingsaanbod voor werkzoekenden', 'Training courses for jobseekers'],
    description: ['Geplande opleidingen met startdatum, inschrijvingstermijn, prijs en plaats.', 'Planned courses with start date, registration deadline, price and place.'],
    theme: ['EDUC', 'ECON'],
    keyword: [['opleidingen', 'vorming'], ['training', 'courses']],
    accrualPeriodicity: 'WEEKLY',
    fields: [{ name: 'aanbieder', annotations: facet }, { name: 'online', annotations: facet }, { name: 'prijs', annotations: { unit: ['EUR'] } }],
  },
  provincies: {
    title: ['Werkzaamheidsgraad per provincie', 'Employment rate per province'],
    description: ['Vlaamse provincies met inwoners en werkzaamheidsgraad; de grenzen zijn sterk vereenvoudigd.', 'Flemish provinces with population and employment rate; the borders are much simplified.'],
    theme: ['REGI', 'ECON'],
    keyword: [['provincies', 'werkzaamheidsgraad'], ['provinces', 'employment rate']],
    accrualPeriodicity: 'ANNUAL',
  },
  werkwinkels: {
    title: ['Werkwinkels', 'Job shops'],
    description: ['Werkwinkels waar werkzoekenden terechtkunnen, met openingsuren.', 'Job shops where jobseekers can go, with opening hours.'],
    theme: ['ECON', 'GOVE'],
    keyword: [['werkwinkel', 'dienstverlening'], ['job shop']],
    accrualPeriodicity: 'IRREG',
    fields: [{ name: 'gemeente', annotations: facet }],
  },
  'werkzorg-trajecten': {
    title: ['Werkzorgtrajecten (ontwerp)', 'Work-care pathways (draft)'],
    description: ['Werkzorgtrajecten per jaar en provincie; nog niet gepubliceerd.', 'Work-care pathways per year and province; not published yet.'],
    theme: ['SOCI'],
    keyword: [['werkzorg'], ['work care']],
    accrualPeriodicity: 'ANNUAL',
    visibility: 'restricted',
    fields: [{ name: 'provincie', annotations: facet }, { name: 'doelgroepen', annotations: facet }],
  },
};

export function demoMeta(id: string): Record<string, unknown> {
  const e = entries[id];
  return {
    ...common,
    title: { nl: e.title[0], en: e.title[1] },
    description: { nl: e.description[0] + demoNote.nl, en: e.description[1] + demoNote.en },
    theme: e.theme,
    keyword: { nl: e.keyword[0], en: e.keyword[1] },
    accrualPeriodicity: e.accrualPeriodicity,
    ...(e.temporal ? { temporal: { start: e.temporal[0], end: e.temporal[1] } } : {}),
    visibility: e.visibility ?? 'public',
    ...(e.fields ? { fields: e.fields } : {}),
  };
}
