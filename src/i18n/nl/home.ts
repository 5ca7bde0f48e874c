// Dutch: the home page.
import type { Counted } from '../plural.ts';
export const home = {
  title: 'Open data',
  intro: (publisher: string) => `Vind, bekijk, visualiseer en download de open data van ${publisher}. Alles is vrij te hergebruiken, ook via de API.`,
  themes: 'Thema’s',
  newest: 'Nieuwste datasets',
  mostUsed: 'Meest gebruikte datasets',
  aboutTitle: 'Over dit portaal',
  about: 'Elke dataset is te doorzoeken, te filteren, in een grafiek of op een kaart te zetten en te downloaden in gangbare formaten. Scripts en toepassingen gebruiken dezelfde gegevens via de Explore API, compatibel met Opendatasoft. De catalogus wordt in DCAT-AP gepubliceerd voor de Vlaamse en Europese dataportalen.',
  allDatasets: { one: (n) => `De ${n} dataset`, other: (n) => `Alle ${n} datasets` } as Counted,
};
