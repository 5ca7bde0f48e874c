// The dataset tabs beyond information: each renders its page from the dataset, the filters and its own URL parameters.
import type { DatasetTab } from './dataset-frame.tsx';
import type { TabRenderer } from './tab-request.ts';
import { datasetConsolePage } from './pages/dataset-console.tsx';
import { datasetExportPage } from './pages/dataset-export.tsx';
import { datasetTablePage } from './pages/dataset-table.tsx';
import { datasetChartTab } from './pages/dataset-chart.tsx';
import { datasetMapPage } from './pages/dataset-map.tsx';

export const tabRenderers: Partial<Record<Exclude<DatasetTab, 'information'>, TabRenderer>> = {
  table: datasetTablePage,
  export: datasetExportPage,
  api: datasetConsolePage,
  chart: datasetChartTab,
  map: datasetMapPage,
};
