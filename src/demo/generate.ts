// Writes the demo catalog: eight datasets of a labour and social-economy department, deterministic, in every format.
import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { municipalities, provinces } from './places.ts';
import { demoMeta } from './metadata.ts';

export interface DemoDataset {
  id: string;
  file: string;
  meta: Record<string, unknown>;
}

/** mulberry32: a small seeded generator, so every run writes the same bytes. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const months = Array.from({ length: 60 }, (_, i) => `${2020 + Math.floor(i / 12)}-${pad((i % 12) + 1)}-01`);
const comma = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');

/** Over 100,000 rows: municipality × month × gender × age group × education level, `;` and CRLF, decimal commas. */
async function jobseekers(dir: string): Promise<string> {
  const file = join(dir, 'werkzoekenden-per-gemeente.csv');
  const out = createWriteStream(file);
  const r = random(1);
  const ages = ['<25', '25-34', '35-44', '45-54', '55+'];
  const levels = ['laaggeschoold', 'middengeschoold', 'hooggeschoold'];
  let chunk = 'Gemeente;NIS-code;Provincie;Maand;Geslacht;Leeftijdsgroep;Opleidingsniveau;Aantal werkzoekenden;Werkzoekendengraad (%)\r\n';
  for (const [name, nis, province] of municipalities) {
    const size = 20 + r() * 400;
    for (const month of months) {
      for (const gender of ['M', 'V']) {
        for (const age of ages) {
          for (const level of levels) {
            const count = Math.round(size * (0.6 + r() * 0.8));
            chunk += `${name};${nis};${provinces[province].name};${month};${gender};${age};${level};${count};${comma(2 + r() * 9, 1)}\r\n`;
          }
        }
      }
    }
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
  out.end();
  await once(out, 'finish');
  return file;
}

function vacancies(dir: string): string {
  const r = random(2);
  const sectors: [string, string][] = [['01', 'Landbouw'], ['10', 'Voedingsindustrie'], ['41', 'Bouw'], ['47', 'Detailhandel'], ['49', 'Vervoer'], ['56', 'Horeca'], ['62', 'ICT'], ['85', 'Onderwijs'], ['86', 'Gezondheidszorg'], ['88', 'Maatschappelijke dienstverlening']];
  const lines = ['Maand,NACE-code,Sector,Ontvangen vacatures,Openstaande vacatures,Gemiddelde doorlooptijd (dagen)'];
  for (const month of months) {
    for (const [code, sector] of sectors) {
      lines.push(`${month},${code},"${sector}",${Math.round(200 + r() * 3000)},${Math.round(500 + r() * 6000)},${(20 + r() * 60).toFixed(1)}`);
    }
  }
  const file = join(dir, 'vacatures-per-sector.csv');
  writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
  return file;
}

function enterprises(dir: string): string {
  const r = random(3);
  const kinds = ['maatwerkbedrijf', 'lokale diensteneconomie', 'sociale onderneming', 'arbeidszorgcentrum'];
  const lines = ['Naam\tOndernemingsnummer\tType\tGemeente\tLocatie\tErkend sinds\tWerknemers\tActief'];
  municipalities.forEach(([town, , , lat, lon], i) => {
    for (let k = 0; k < 3; k++) {
      const number = `0${String(400000000 + Math.floor(r() * 499999999)).slice(0, 3)}.${String(Math.floor(r() * 1000)).padStart(3, '0')}.${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
      const since = `${2000 + Math.floor(r() * 24)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
      const point = `${(lat + (r() - 0.5) * 0.04).toFixed(5)}, ${(lon + (r() - 0.5) * 0.06).toFixed(5)}`;
      lines.push(`${['De Ploeg', 'Werkhuis', 'Samenwerk', 'Groenzorg', 'Atelier'][(i + k) % 5]} ${town}\t${number}\t${kinds[(i + k) % kinds.length]}\t${town}\t${point}\t${since}\t${Math.round(5 + r() * 400)}\t${r() < 0.9 ? 'true' : 'false'}`);
    }
  });
  const file = join(dir, 'sociale-economie-ondernemingen.tsv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function serviceVouchers(dir: string): string {
  const r = random(4);
  const rows = [];
  for (let year = 2015; year <= 2024; year++) {
    for (const p of provinces) {
      rows.push({ jaar: year, provincie: p.name, nis_code: p.nis, gebruikers: Math.round(50000 + r() * 150000), cheques: Math.round(5e6 + r() * 15e6), gemiddelde_prijs: Number((8.5 + (year - 2015) * 0.3 + r() * 0.2).toFixed(2)), laatst_bijgewerkt: `${year + 1}-03-${pad(1 + Math.floor(r() * 27))}T09:${pad(Math.floor(r() * 60))}:00+01:00` });
    }
  }
  const file = join(dir, 'dienstencheques-gebruik.json');
  writeFileSync(file, `${JSON.stringify(rows, null, 1)}\n`);
  return file;
}

async function courses(dir: string): Promise<string> {
  const r = random(5);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2025, 0, 15));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Opleidingen');
  sheet.addRow(['Titel', 'Aanbieder', 'Begindatum', 'Inschrijven tot', 'Prijs (€)', 'Online', 'Latitude', 'Longitude']);
  const titles = ['Heftruckchauffeur', 'Zorgkundige', 'Webontwikkelaar', 'Boekhouder', 'Lasser', 'Elektricien', 'Logistiek medewerker', 'Kok', 'Data-analist', 'Onthaalmedewerker'];
  for (let i = 0; i < 240; i++) {
    const [town, , , lat, lon] = municipalities[Math.floor(r() * municipalities.length)];
    const start = new Date(Date.UTC(2025, Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const deadline = new Date(start.getTime() - (7 + Math.floor(r() * 21)) * 86400000 + (9 + Math.floor(r() * 8)) * 3600000);
    const online = r() < 0.3;
    sheet.addRow([`${titles[i % titles.length]} (${town})`, ['VDAB', 'Syntra', 'CVO', 'Bedrijfsopleiding'][i % 4], start, deadline, Math.round(r() * 60) * 25, online, online ? null : lat, online ? null : lon]);
  }
  const file = join(dir, 'opleidingen.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

function provinceShapes(dir: string): string {
  const r = random(6);
  const features = provinces.map((p) => ({
    type: 'Feature',
    properties: { Provincie: p.name, 'NIS-code': p.nis, Inwoners: Math.round(800000 + r() * 1100000), 'Werkzaamheidsgraad (%)': Number((72 + r() * 8).toFixed(1)) },
    geometry: { type: 'Polygon', coordinates: [[...p.outline, p.outline[0]]] },
  }));
  const file = join(dir, 'provincies.geojson');
  writeFileSync(file, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  return file;
}

function jobShops(dir: string): string {
  const features = municipalities.filter((_, i) => i % 2 === 0).map(([town, nis, , lat, lon]) => ({
    type: 'Feature',
    properties: { Naam: `Werkwinkel ${town}`, Gemeente: town, 'NIS-code': nis, Openingsuren: 'ma-vr 9u-12u, di en do 13u-16u' },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  }));
  const file = join(dir, 'werkwinkels.geojson');
  writeFileSync(file, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  return file;
}

function careTrajectories(dir: string): string {
  const r = random(7);
  const lines: string[] = [];
  for (let year = 2019; year <= 2024; year++) {
    for (const p of provinces) {
      lines.push(JSON.stringify({ jaar: year, provincie: p.name, trajecten: Math.round(800 + r() * 2500), doorstroom_pct: Number((10 + r() * 25).toFixed(1)), doelgroepen: ['werkzorg', ...(r() < 0.5 ? ['arbeidszorg'] : [])] }));
    }
  }
  const file = join(dir, 'werkzorg-trajecten.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Writes every demo file into `dir` and returns the datasets with their metadata. */
export async function generateDemo(dir: string): Promise<DemoDataset[]> {
  const files: Record<string, string> = {
    'werkzoekenden-per-gemeente': await jobseekers(dir),
    'vacatures-per-sector': vacancies(dir),
    'sociale-economie-ondernemingen': enterprises(dir),
    'dienstencheques-gebruik': serviceVouchers(dir),
    opleidingen: await courses(dir),
    provincies: provinceShapes(dir),
    werkwinkels: jobShops(dir),
    'werkzorg-trajecten': careTrajectories(dir),
  };
  return Object.entries(files).map(([id, file]) => ({ id, file, meta: demoMeta(id) }));
}
