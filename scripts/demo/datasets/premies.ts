// Employment subsidies granted, as an XLSX workbook with real date cells, numbers and booleans; an internal draft.
import ExcelJS from 'exceljs';
import { addDays, isoDate, workingDay } from '../calendar.ts';
import { enterpriseNumber } from '../companies.ts';
import type { DemoSource } from '../dataset.ts';
import { pinZipTimestamps } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { provinces } from '../places.ts';
import { between, chance, integer, pick, seeded, weighted } from '../prng.ts';
import { naceSections } from './vacatures.ts';

/** Fixed workbook dates: exceljs would otherwise stamp the time of writing into the file. */
const WRITTEN = new Date(Date.UTC(2025, 0, 15, 9, 0, 0));

const columns = [
  { header: 'Dossiernummer', width: 18 },
  { header: 'Premie', width: 44 },
  { header: 'Ondernemingsnummer', width: 20 },
  { header: 'Provincie', width: 18 },
  { header: 'NACE-sectie', width: 12 },
  { header: 'Ingediend op', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: 'Beslissingsdatum', width: 16, numFmt: 'yyyy-mm-dd' },
  { header: 'Aantal werknemers', width: 18 },
  { header: 'Toegekend bedrag (€)', width: 20, numFmt: '#,##0.00' },
  { header: 'Uitbetaald', width: 12 },
];

/** Subsidy, how often it is granted, and the amount range per decision in euro. */
const subsidies: [string, number, [number, number]][] = [
  ['Vlaamse ondersteuningspremie (VOP)', 0.34, [1_800, 14_500]],
  ['Doelgroepvermindering oudere werknemers', 0.24, [1_200, 6_000]],
  ['Aanmoedigingspremie zorgkrediet', 0.18, [600, 4_200]],
  ['Opleidingsincentive', 0.14, [400, 3_500]],
  ['Individuele maatwerksubsidie', 0.1, [5_000, 38_000]],
];
const provinceWeights = provinces.map((p) => [p.name, p.population] as const);
const sectorWeights = naceSections.map(([code, , share]) => [code, share] as const);
const PER_YEAR = 1_500;

type Cell = string | number | boolean | Date;

function grants(): Cell[][] {
  const random = seeded('premies-toegekend');
  const out: Cell[][] = [];
  for (const year of [2021, 2022, 2023, 2024]) {
    for (let n = 1; n <= PER_YEAR; n++) {
      const [subsidy, , [min, max]] = weighted(random, subsidies.map((s) => [s, s[1]] as const));
      // The last year only holds cases decided by its end; later ones are still pending, so not granted yet.
      const submitted = workingDay(addDays(isoDate(year, 1, 1), integer(random, 0, year === 2024 ? 285 : 360)));
      const decided = workingDay(addDays(submitted, integer(random, 12, 75)));
      const [sy, sm, sd] = submitted.split('-').map(Number);
      const [dy, dm, dd] = decided.split('-').map(Number);
      const employees = Math.max(1, Math.round(between(random, 1, 12) ** 2));
      const amount = Math.round(between(random, min, max) * 100) / 100;
      // Decisions of the last weeks before the reference date are not paid out yet.
      const paid = decided < '2024-12-01' ? chance(random, 0.97) : chance(random, 0.2);
      out.push([
        `PRE-${year}-${String(n).padStart(6, '0')}`,
        subsidy,
        enterpriseNumber(random, chance(random, 0.12)),
        weighted(random, provinceWeights),
        weighted(random, sectorWeights),
        // Excel holds wall-clock time without a zone; UTC fields carry it unchanged into the file.
        new Date(Date.UTC(sy, sm - 1, sd, integer(random, 8, 17), pick(random, [0, 10, 15, 25, 30, 45, 50]))),
        new Date(Date.UTC(dy, dm - 1, dd)),
        employees,
        amount,
        paid,
      ]);
    }
  }
  return out;
}

async function writeWorkbook(path: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Departement Werk en Sociale Economie';
  workbook.lastModifiedBy = 'Team Data en Analyse';
  workbook.created = WRITTEN;
  workbook.modified = WRITTEN;
  const sheet = workbook.addWorksheet('Toegekende premies', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const rows = grants();
  for (const values of rows) {
    const row = sheet.addRow(values);
    columns.forEach((c, i) => {
      if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  await pinZipTimestamps(path, WRITTEN);
  return rows.length;
}

export const premies: DemoSource = {
  id: 'premies-toegekend',
  fileName: 'toegekende_premies_2021-2024.xlsx',
  format: 'xlsx',
  write: writeWorkbook,
  meta: demoMeta({
    title: { nl: 'Toegekende tewerkstellingspremies (intern ontwerp)', en: 'Employment subsidies granted (internal draft)' },
    description: {
      nl: 'Beslissingen over tewerkstellingspremies per dossier, met de premie, de onderneming, de sector, het toegekende bedrag en of het al is uitgekeerd. Intern ontwerp dat nog niet gepubliceerd is. Demogegevens: de dossiers zijn verzonnen.',
      en: 'Decisions on employment subsidies per case, with the subsidy, the company, the sector, the amount granted and whether it has been paid out. Internal draft, not yet published. Demo data: the cases are made up.',
    },
    theme: ['ECON', 'GOVE'],
    keyword: { nl: ['premies', 'subsidies', 'tewerkstelling', 'werkgevers'], en: ['subsidies', 'grants', 'employment', 'employers'] },
    temporal: { start: '2021-01-01', end: '2024-12-31' },
    accrualPeriodicity: 'QUARTERLY',
    restricted: true,
    fields: {
      Dossiernummer: { description: 'Nummer van het premiedossier' },
      Premie: { facet: true },
      Ondernemingsnummer: { description: 'Ondernemingsnummer van de werkgever, tien cijfers met voorloopnul' },
      Provincie: { facet: true },
      'NACE-sectie': { facet: true },
      'Ingediend op': { description: 'Moment waarop de aanvraag binnenkwam' },
      Beslissingsdatum: { description: 'Datum van de beslissing over de aanvraag' },
      'Aantal werknemers': { unit: 'personen' },
      'Toegekend bedrag (€)': { description: 'Toegekend bedrag voor het hele dossier', unit: 'EUR' },
      Uitbetaald: { facet: true },
    },
  }),
};
