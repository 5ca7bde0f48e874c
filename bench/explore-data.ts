// Writes the explore benchmark's deterministic CSV: N rows of municipal statistics with a short free-text column.
import { writeLines } from './write-lines.ts';
import { mulberry32 } from '../scripts/demo/prng.ts';

const stems = ['Aal', 'Beve', 'Bree', 'Dil', 'Ee', 'Geel', 'Hal', 'Hoog', 'Kap', 'Lo', 'Maas', 'Meer', 'Ni', 'Op', 'Ran', 'Ste', 'Tie', 'Vil', 'Wer', 'Zot'];
const endings = ['', 'dorp', 'gem', 'hout', 'kerke', 'lo', 'meer', 'ne', 'rode', 'straten', 'veld', 'voorde', 'wijk', 'zele', 'hem'];
/** 300 distinct municipality names; the first is Gent, the one the page query filters on. */
export const gemeenten = stems.flatMap((s) => endings.map((e) => `${s}${e}`)).map((name, i) => (i === 0 ? 'Gent' : name));

export const sectors = [
  'Bouw', 'Zorg', 'Onderwijs', 'Logistiek', 'Horeca', 'Industrie', 'Handel', 'ICT', 'Landbouw', 'Energie',
  'Cultuur', 'Sport', 'Media', 'Financien', 'Transport', 'Overheid', 'Toerisme', 'Chemie', 'Textiel', 'Voeding',
];

/** The full-text vocabulary; each row's omschrijving holds 3 to 5 of these words. */
export const vocabulary = [
  'aanvraag', 'subsidie', 'premie', 'renovatie', 'isolatie', 'zonnepanelen', 'warmtepomp', 'fiets', 'openbaar', 'vervoer',
  'school', 'kinderopvang', 'jeugd', 'senioren', 'zorg', 'woning', 'huur', 'sociale', 'lening', 'bouw',
  'vergunning', 'milieu', 'water', 'afval', 'groen', 'park', 'straat', 'verlichting', 'riolering', 'parkeren',
  'markt', 'handel', 'horeca', 'evenement', 'sport', 'cultuur', 'bibliotheek', 'museum', 'toerisme', 'erfgoed',
  'veiligheid', 'brandweer', 'politie', 'gezondheid', 'vaccinatie', 'integratie', 'taal', 'werk', 'opleiding', 'digitaal',
];
/** The word the full-text query looks for (in about 8% of rows). */
export const searchWord = 'warmtepomp';

export const columns = 'id,gemeente,sector,maand,geslacht,aantal,bedrag,omschrijving';

export async function generateExploreCsv(path: string, rows: number): Promise<number> {
  const random = mulberry32(20260214);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  function* lines(): Generator<string> {
    yield `${columns}\n`;
    for (let i = 1; i <= rows; i++) {
      const year = 2015 + Math.floor(random() * 10);
      const month = 1 + Math.floor(random() * 12);
      const words = 3 + Math.floor(random() * 3);
      let text = pick(vocabulary);
      for (let w = 1; w < words; w++) text += ` ${pick(vocabulary)}`;
      const r = random();
      yield (
        `${i},${pick(gemeenten)},${pick(sectors)},${year}-${month < 10 ? '0' : ''}${month}-01,${r < 0.49 ? 'M' : r < 0.98 ? 'V' : 'X'},` +
        `${Math.floor(random() * 5000)},${(random() * 100000).toFixed(2)},${text}\n`);
    }
  }
  return writeLines(path, lines());
}
