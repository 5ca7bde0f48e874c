// English: the home page.
import type { home as nl } from '../nl/home.ts';

export const home: typeof nl = {
  title: 'Open data',
  intro: (publisher: string) => `Find, view, chart and download the open data of ${publisher}. Everything is free to reuse, also through the API.`,
  themes: 'Themes',
  newest: 'Newest datasets',
  mostUsed: 'Most used datasets',
  aboutTitle: 'About this portal',
  about: 'Every dataset can be searched, filtered, charted or mapped and downloaded in common formats. Scripts and applications use the same data through the Explore API, compatible with Opendatasoft. The catalogue is published in DCAT-AP for the Flemish and European data portals.',
  allDatasets: { one: (n) => `The ${n} dataset`, other: (n) => `All ${n} datasets` },
};
