// The five Flemish provinces as a GeoJSON FeatureCollection of Polygons and a MultiPolygon, with key figures.
import type { DemoSource } from '../dataset.ts';
import { writeFeatureCollection, type Feature } from '../files.ts';
import { demoMeta } from '../meta.ts';
import { outlines } from '../outlines.ts';
import { provinces } from '../places.ts';

/** Employment rate (20–64 years) per province, rounded as published in the yearly labour-market figures. */
const employmentRate: Record<string, number> = {
  Antwerpen: 74.9,
  'Vlaams-Brabant': 77.5,
  'West-Vlaanderen': 78.6,
  'Oost-Vlaanderen': 77.9,
  Limburg: 74.1,
};

function features(): Feature[] {
  return provinces.map((province) => {
    const polygons = outlines[province.name];
    return {
      type: 'Feature',
      geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
      properties: {
        Provincie: province.name,
        'NIS-code': province.nis,
        Hoofdplaats: province.capital,
        Inwoners: province.population,
        'Oppervlakte (km²)': province.areaKm2,
        'Werkzaamheidsgraad (%)': employmentRate[province.name],
        Peildatum: '2024-01-01',
      },
    };
  });
}

export const provincies: DemoSource = {
  id: 'provincies-vlaanderen',
  fileName: 'provincies_vlaanderen.geojson',
  format: 'geojson',
  write: (path) => writeFeatureCollection(path, 'provincies_vlaanderen', features()),
  meta: demoMeta({
    title: { nl: 'Vlaamse provincies met kerncijfers arbeidsmarkt', en: 'Flemish provinces with key labour-market figures' },
    description: {
      nl: 'Vereenvoudigde grenzen van de vijf Vlaamse provincies met het aantal inwoners, de oppervlakte en de werkzaamheidsgraad. De grenzen zijn ruwe benaderingen, enkel bedoeld voor demonstratie.',
      en: 'Simplified boundaries of the five Flemish provinces with population, area and employment rate. The boundaries are rough approximations, meant for demonstration only.',
    },
    theme: ['REGI', 'SOCI'],
    keyword: { nl: ['provincies', 'grenzen', 'werkzaamheidsgraad', 'kaart'], en: ['provinces', 'boundaries', 'employment rate', 'map'] },
    temporal: { start: '2024-01-01', end: '2024-12-31' },
    accrualPeriodicity: 'ANNUAL',
    fields: {
      Provincie: { facet: true },
      'NIS-code': { description: 'NIS-code van de provincie (Statbel)' },
      Inwoners: { description: 'Inwoners op 1 januari', unit: 'personen' },
      'Oppervlakte (km²)': { unit: 'km²' },
      'Werkzaamheidsgraad (%)': { description: 'Werkenden als aandeel van de bevolking van 20 tot 64 jaar', unit: '%' },
    },
  }),
};
