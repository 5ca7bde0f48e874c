// The 300 Flemish municipalities (2019–2024 boundaries) and 5 provinces that the demo data is spread over.
import { contains, outlines } from './outlines.ts';
import { hash, mulberry32 } from './prng.ts';

export interface Province {
  name: string;
  nis: string;
  capital: string;
  population: number;
  areaKm2: number;
}

export interface Municipality {
  nis: string;
  name: string;
  province: Province;
  lat: number;
  lon: number;
  population: number;
  /** Large cities have more jobseekers per inhabitant; used to shape the demo figures. */
  urban: boolean;
}

export const provinces: Province[] = [
  { name: 'Antwerpen', nis: '10000', capital: 'Antwerpen', population: 1_926_522, areaKm2: 2876.02 },
  { name: 'Vlaams-Brabant', nis: '20001', capital: 'Leuven', population: 1_187_483, areaKm2: 2118.36 },
  { name: 'West-Vlaanderen', nis: '30000', capital: 'Brugge', population: 1_226_375, areaKm2: 3196.62 },
  { name: 'Oost-Vlaanderen', nis: '40000', capital: 'Gent', population: 1_562_733, areaKm2: 3007.11 },
  { name: 'Limburg', nis: '70000', capital: 'Hasselt', population: 887_244, areaKm2: 2427.46 },
];

/** Arrondissement code, its rough centre and radius (degrees), and its municipalities as `code=name`. */
const arrondissements: [string, number, number, number, string][] = [
  ['11', 51.26, 4.47, 0.1, '001=Aartselaar,002=Antwerpen,004=Boechout,005=Boom,007=Borsbeek,008=Brasschaat,009=Brecht,013=Edegem,016=Essen,018=Hemiksem,021=Hove,022=Kalmthout,023=Kapellen,024=Kontich,025=Lint,029=Mortsel,030=Niel,035=Ranst,037=Rumst,038=Schelle,039=Schilde,040=Schoten,044=Stabroek,050=Wijnegem,052=Wommelgem,053=Wuustwezel,054=Zandhoven,055=Zoersel,056=Zwijndrecht,057=Malle'],
  ['12', 51.06, 4.5, 0.08, '002=Berlaar,005=Bonheiden,007=Bornem,009=Duffel,014=Heist-op-den-Berg,021=Lier,025=Mechelen,026=Nijlen,029=Putte,034=Sint-Katelijne-Waver,035=Willebroek,041=Puurs-Sint-Amands'],
  ['13', 51.23, 4.95, 0.14, '001=Arendonk,002=Baarle-Hertog,003=Balen,004=Beerse,006=Dessel,008=Geel,010=Grobbendonk,011=Herentals,012=Hoogstraten,013=Herenthout,014=Hulshout,016=Kasterlee,017=Lille,019=Meerhout,021=Merksplas,023=Mol,025=Olen,029=Oud-Turnhout,031=Ravels,035=Retie,036=Rijkevorsel,037=Turnhout,040=Vorselaar,044=Vosselaar,046=Westerlo,049=Laakdal,053=Herselt'],
  ['23', 50.86, 4.25, 0.1, '002=Asse,003=Beersel,009=Bever,016=Dilbeek,023=Galmaarden,024=Gooik,025=Grimbergen,027=Halle,032=Herne,033=Hoeilaart,038=Kampenhout,039=Kapelle-op-den-Bos,044=Liedekerke,045=Londerzeel,047=Machelen,050=Meise,052=Merchtem,060=Opwijk,062=Overijse,064=Pepingen,077=Sint-Pieters-Leeuw,081=Steenokkerzeel,086=Ternat,088=Vilvoorde,094=Zaventem,096=Zemst,097=Roosdaal,098=Drogenbos,099=Kraainem,100=Linkebeek,101=Sint-Genesius-Rode,102=Wemmel,103=Wezembeek-Oppem,104=Lennik,105=Affligem'],
  ['24', 50.88, 4.82, 0.13, '001=Aarschot,007=Begijnendijk,008=Bekkevoort,009=Bertem,011=Bierbeek,014=Boortmeerbeek,016=Boutersem,020=Diest,028=Geetbets,033=Haacht,038=Herent,041=Hoegaarden,043=Holsbeek,045=Huldenberg,048=Keerbergen,054=Kortenaken,055=Kortenberg,059=Landen,062=Leuven,066=Lubbeek,086=Oud-Heverlee,094=Rotselaar,104=Tervuren,107=Tienen,109=Tremelo,130=Zoutleeuw,133=Linter,134=Scherpenheuvel-Zichem,135=Tielt-Winge,137=Glabbeek'],
  ['31', 51.2, 3.2, 0.09, '003=Beernem,004=Blankenberge,005=Brugge,006=Damme,012=Jabbeke,022=Oostkamp,033=Torhout,040=Zedelgem,042=Zuienkerke,043=Knokke-Heist'],
  ['32', 51.0, 2.9, 0.07, '003=Diksmuide,006=Houthulst,010=Koekelare,011=Kortemark,030=Lo-Reninge'],
  ['33', 50.85, 2.85, 0.09, '011=Ieper,016=Mesen,021=Poperinge,029=Wervik,037=Zonnebeke,039=Heuvelland,040=Langemark-Poelkapelle,041=Vleteren'],
  ['34', 50.82, 3.3, 0.08, '002=Anzegem,003=Avelgem,009=Deerlijk,013=Harelbeke,022=Kortrijk,023=Kuurne,025=Lendelede,027=Menen,040=Waregem,041=Wevelgem,042=Zwevegem,043=Spiere-Helkijn'],
  ['35', 51.17, 2.97, 0.07, '002=Bredene,005=Gistel,006=Ichtegem,011=Middelkerke,013=Oostende,014=Oudenburg,029=De Haan'],
  ['36', 50.92, 3.12, 0.07, '006=Hooglede,007=Ingelmunster,008=Izegem,010=Ledegem,011=Lichtervelde,012=Moorslede,015=Roeselare,019=Staden'],
  ['37', 50.98, 3.36, 0.07, '002=Dentergem,007=Meulebeke,010=Oostrozebeke,011=Pittem,012=Ruiselede,015=Tielt,017=Wielsbeke,018=Wingene,020=Ardooie'],
  ['38', 51.06, 2.7, 0.06, '002=Alveringem,008=De Panne,014=Koksijde,016=Nieuwpoort,025=Veurne'],
  ['41', 50.88, 4.0, 0.08, '002=Aalst,011=Denderleeuw,018=Geraardsbergen,024=Haaltert,027=Herzele,034=Lede,048=Ninove,063=Sint-Lievens-Houtem,081=Zottegem,082=Erpe-Mere'],
  ['42', 51.03, 4.04, 0.07, '003=Berlare,004=Buggenhout,006=Dendermonde,008=Hamme,010=Laarne,011=Lebbeke,023=Waasmunster,025=Wetteren,026=Wichelen,028=Zele'],
  ['43', 51.2, 3.6, 0.07, '002=Assenede,005=Eeklo,007=Kaprijke,010=Maldegem,014=Sint-Laureins,018=Zelzate'],
  ['44', 51.04, 3.7, 0.11, '012=De Pinte,013=Destelbergen,019=Evergem,020=Gavere,021=Gent,034=Lochristi,040=Melle,043=Merelbeke,045=Moerbeke,048=Nazareth,052=Oosterzele,064=Sint-Martens-Latem,072=Wachtebeke,081=Zulte,083=Deinze,084=Aalter,085=Lievegem'],
  ['45', 50.82, 3.66, 0.08, '035=Oudenaarde,041=Ronse,059=Brakel,060=Kluisbergen,061=Wortegem-Petegem,062=Horebeke,063=Lierde,064=Maarkedal,065=Zwalm,068=Kruisem'],
  ['46', 51.17, 4.15, 0.08, '003=Beveren,013=Kruibeke,014=Lokeren,020=Sint-Gillis-Waas,021=Sint-Niklaas,024=Stekene,025=Temse'],
  ['71', 50.97, 5.25, 0.12, '002=As,004=Beringen,011=Diepenbeek,016=Genk,017=Gingelom,020=Halen,022=Hasselt,024=Herk-de-Stad,034=Leopoldsburg,037=Lummen,045=Nieuwerkerken,053=Sint-Truiden,057=Tessenderlo,066=Zonhoven,067=Zutendaal,069=Ham,070=Heusden-Zolder'],
  ['72', 51.15, 5.55, 0.12, '003=Bocholt,004=Bree,018=Kinrooi,020=Lommel,021=Maaseik,030=Peer,037=Hamont-Achel,038=Hechtel-Eksel,039=Houthalen-Helchteren,041=Dilsen-Stokkem,042=Oudsbergen,043=Pelt'],
  ['73', 50.83, 5.52, 0.1, '001=Alken,006=Bilzen,009=Borgloon,022=Heers,028=Herstappe,032=Hoeselt,040=Kortessem,042=Lanaken,066=Riemst,083=Tongeren,098=Wellen,107=Maasmechelen,109=Voeren'],
];

/** Approximate centre (lat, lon) and population of the places the demo leans on; others are placed near their arrondissement. */
const known: Record<string, [number, number, number?]> = {
  Antwerpen: [51.2194, 4.4025, 536_000], Gent: [51.0543, 3.7174, 267_000], Brugge: [51.2093, 3.2247, 119_000],
  Leuven: [50.8798, 4.7005, 103_000], Mechelen: [51.0259, 4.4776, 88_000], Aalst: [50.9378, 4.0403, 89_000],
  Kortrijk: [50.828, 3.2649, 80_000], Hasselt: [50.9307, 5.3378, 80_000], 'Sint-Niklaas': [51.1652, 4.1437, 81_000],
  Oostende: [51.2154, 2.9286, 72_000], Genk: [50.965, 5.5008, 67_000], Roeselare: [50.9465, 3.1229, 64_000],
  Beveren: [51.2117, 4.2564, 50_000], Dendermonde: [51.0286, 4.1, 47_000], Beringen: [51.0499, 5.2263, 47_000],
  Turnhout: [51.3227, 4.9447, 46_000], Vilvoorde: [50.9281, 4.4245, 46_000], Deinze: [50.9843, 3.5296, 44_000],
  'Heist-op-den-Berg': [51.0757, 4.7275, 43_000], Dilbeek: [50.8481, 4.2597, 43_000], Lokeren: [51.1036, 3.993, 42_000],
  Geel: [51.1613, 4.9902, 41_000], Halle: [50.7336, 4.2345, 41_000], 'Sint-Truiden': [50.816, 5.1866, 41_000],
  Ninove: [50.828, 4.0256, 40_000], Waregem: [50.8889, 3.4275, 39_000], Brasschaat: [51.2914, 4.4918, 39_000],
  Maasmechelen: [50.9655, 5.6946, 39_000], Lier: [51.1313, 4.5704, 37_000], Mol: [51.1912, 5.1167, 37_000],
  Lommel: [51.2307, 5.3133, 36_000], Ieper: [50.8503, 2.885, 35_000], Schoten: [51.2523, 4.5014, 35_000],
  Tienen: [50.8072, 4.9378, 35_000], Zaventem: [50.8838, 4.4729, 35_000], 'Knokke-Heist': [51.35, 3.265, 33_000],
  Pelt: [51.23, 5.43, 33_000], Bilzen: [50.873, 5.5181, 33_000], Geraardsbergen: [50.773, 3.8818, 33_000],
  Tongeren: [50.7806, 5.4645, 31_000], 'Houthalen-Helchteren': [51.0327, 5.375, 31_000], Evergem: [51.1112, 3.7089, 36_000],
  Grimbergen: [50.9347, 4.3716, 38_000], Asse: [50.9104, 4.1985, 34_000], Zele: [51.0664, 4.0394, 22_000],
  Menen: [50.7967, 3.122, 34_000], Wetteren: [51.0021, 3.8823, 26_000], Oudenaarde: [50.8453, 3.6048, 32_000],
  Eeklo: [51.186, 3.5665, 21_000], Diest: [50.984, 5.05, 24_000], Harelbeke: [50.8567, 3.3094, 28_000],
  Izegem: [50.9142, 3.2134, 28_000], Wevelgem: [50.8082, 3.1825, 32_000], Herentals: [51.1766, 4.8367, 29_000],
  Mortsel: [51.1706, 4.4568, 26_000], Diksmuide: [51.0328, 2.8636, 17_000], Veurne: [51.0722, 2.6622, 12_000],
  'De Panne': [51.0992, 2.5912, 11_000], Koksijde: [51.1164, 2.6372, 22_000], Nieuwpoort: [51.13, 2.7515, 12_000],
  Blankenberge: [51.3131, 3.1323, 20_000], Torhout: [51.065, 3.101, 21_000], Tielt: [50.999, 3.3266, 21_000],
  Poperinge: [50.855, 2.726, 20_000], Ronse: [50.7458, 3.6005, 27_000], Zottegem: [50.869, 3.81, 27_000],
  Temse: [51.125, 4.213, 30_000], Hamme: [51.099, 4.134, 25_000], Willebroek: [51.06, 4.36, 27_000],
  Boom: [51.091, 4.367, 19_000], Bornem: [51.097, 4.243, 22_000], Maaseik: [51.098, 5.787, 25_000],
  Bree: [51.141, 5.596, 16_000], Leopoldsburg: [51.117, 5.257, 16_000], Lanaken: [50.893, 5.648, 26_000],
  Voeren: [50.758, 5.785, 4_100], Riemst: [50.809, 5.602, 16_500], Hoogstraten: [51.4, 4.76, 22_000],
  Essen: [51.465, 4.469, 19_000], Kalmthout: [51.384, 4.475, 18_500], Overijse: [50.774, 4.537, 25_500],
  Tervuren: [50.824, 4.514, 22_000], Landen: [50.753, 5.082, 16_500], Aalter: [51.09, 3.447, 29_000],
  Maldegem: [51.208, 3.445, 24_000], Zelzate: [51.2, 3.81, 12_800], Herstappe: [50.725, 5.42, 85],
  Mesen: [50.765, 2.898, 1_050], 'Spiere-Helkijn': [50.72, 3.36, 2_100], Zuienkerke: [51.27, 3.16, 2_800],
  Vleteren: [50.92, 2.73, 3_700], 'Baarle-Hertog': [51.44, 4.93, 2_900], Linkebeek: [50.77, 4.34, 4_800],
  Drogenbos: [50.787, 4.316, 5_400], Stabroek: [51.332, 4.364, 19_000], Zwijndrecht: [51.219, 4.329, 20_000],
  // Around Brussels a random spot could land inside the capital region, so every place there is given.
  Beersel: [50.766, 4.3], Bever: [50.717, 3.94, 2_300], Galmaarden: [50.743, 3.97], Gooik: [50.79, 4.11], Herne: [50.724, 4.03],
  Hoeilaart: [50.767, 4.47], Kampenhout: [50.94, 4.55], 'Kapelle-op-den-Bos': [51.01, 4.36], Liedekerke: [50.869, 4.088],
  Londerzeel: [51.006, 4.3], Machelen: [50.91, 4.44], Meise: [50.939, 4.325], Merchtem: [50.96, 4.23], Opwijk: [50.969, 4.188],
  Pepingen: [50.76, 4.16], 'Sint-Pieters-Leeuw': [50.78, 4.245, 34_000], Steenokkerzeel: [50.92, 4.51], Ternat: [50.87, 4.17],
  Zemst: [50.983, 4.46, 23_000], Roosdaal: [50.84, 4.08], Kraainem: [50.86, 4.485, 14_000], 'Sint-Genesius-Rode': [50.75, 4.36, 18_500],
  Wemmel: [50.91, 4.305, 17_000], 'Wezembeek-Oppem': [50.84, 4.495, 14_000], Lennik: [50.8, 4.16], Affligem: [50.91, 4.12],
};

const provinceByPrefix: Record<string, Province> = {
  '1': provinces[0],
  '2': provinces[1],
  '3': provinces[2],
  '4': provinces[3],
  '7': provinces[4],
};

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** A stable spot near the arrondissement's centre, drawn again until it falls inside the province's outline. */
function spot(random: () => number, province: Province, lat: number, lon: number, radius: number): [number, number] {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate: [number, number] = [
      round(clamp(lat + (random() * 2 - 1) * radius, 50.72, 51.48), 4),
      round(clamp(lon + (random() * 2 - 1) * radius * 1.4, 2.56, 5.88), 4),
    ];
    if (contains(outlines[province.name], candidate[1], candidate[0])) return candidate;
  }
  throw new Error(`No spot in ${province.name} near ${lat}, ${lon}`);
}

function buildMunicipalities(): Municipality[] {
  return arrondissements.flatMap(([code, lat, lon, radius, list]) =>
    list.split(',').map((entry) => {
      const [suffix, name] = entry.split('=');
      const province = provinceByPrefix[code[0]];
      const place = known[name];
      // Unknown places get a stable spot and size from their own name, independent of list order.
      const random = mulberry32(hash(`place:${name}`));
      const population = place?.[2] ?? Math.round(6_000 + random() * 24_000);
      const [placeLat, placeLon] = place ? [place[0], place[1]] : spot(random, province, lat, lon, radius);
      return {
        nis: `${code}${suffix}`,
        name,
        province,
        lat: placeLat,
        lon: placeLon,
        population,
        urban: population >= 60_000 || name === 'Vilvoorde' || name === 'Turnhout' || name === 'Ronse',
      };
    }),
  );
}

export const municipalities: Municipality[] = buildMunicipalities();

export function municipalitiesOf(province: Province): Municipality[] {
  return municipalities.filter((m) => m.province === province);
}
