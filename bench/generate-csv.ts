// Writes a deterministic CSV of N rows (~100 bytes each) shaped like a department's monthly statistics.
import { writeLines } from './write-lines.ts';
import { mulberry32 } from '../scripts/demo/prng.ts';

const places = ['Antwerpen', 'Gent', 'Brugge', 'Leuven', 'Mechelen', 'Aalst', 'Kortrijk', 'Hasselt', 'Sint-Niklaas', 'Oostende', 'Genk', 'Roeselare'];
const sectors = ['Bouw', 'Zorg', 'Onderwijs', 'Logistiek', 'Horeca', 'Industrie', 'Handel', 'ICT'];

export async function generateCsv(path: string, rows: number): Promise<number> {
  const random = mulberry32(20261128);
  function* lines(): Generator<string> {
    yield 'id,gemeente,nis_code,sector,maand,geslacht,aantal,bedrag,actief,tijdstip,locatie\n';
    for (let i = 1; i <= rows; i++) {
      const p = Math.floor(random() * places.length);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const hour = Math.floor(random() * 24);
      yield (
        `${i},${places[p]},${String(10000 + p * 1371).padStart(5, '0')},${sectors[Math.floor(random() * sectors.length)]},` +
        `2024-${String(month).padStart(2, '0')}-01,${random() < 0.5 ? 'M' : 'V'},${Math.floor(random() * 5000)},` +
        `${(random() * 100000).toFixed(2)},${random() < 0.7 ? 'true' : 'false'},` +
        `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00+01:00,` +
        `"${(50.7 + random() * 0.8).toFixed(5)}, ${(2.6 + random() * 3.2).toFixed(5)}"\n`);
    }
  }
  return writeLines(path, lines());
}
