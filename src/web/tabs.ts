// The dataset tabs beyond information: each renders its page from the dataset, the filters and its own URL parameters.
import type { Audience, CatalogService } from '../catalog/service.ts';
import type { Dataset } from '../catalog/types.ts';
import type { RecordsService } from '../explore/records.ts';
import type { PageContext } from './context.ts';
import type { DatasetTab } from './dataset-frame.tsx';
import type { RecordFilters } from './filters.ts';
import type { Html } from './jsx-runtime.ts';
import { datasetConsolePage } from './pages/dataset-console.tsx';
import { datasetExportPage } from './pages/dataset-export.tsx';
import { datasetTablePage } from './pages/dataset-table.tsx';
import { datasetChartTab } from './pages/dataset-chart.tsx';
import { datasetMapPage } from './pages/dataset-map.tsx';

export interface TabRequest {
  ctx: PageContext;
  dataset: Dataset;
  filters: RecordFilters;
  query: Record<string, string | string[] | undefined>;
  records: RecordsService;
  /** For what the records service does not tell, such as the stored version's size. */
  catalog: CatalogService;
  audience: Audience;
}

export type TabRenderer = (request: TabRequest) => Promise<Html>;

export const tabRenderers: Partial<Record<Exclude<DatasetTab, 'information'>, TabRenderer>> = {
  table: datasetTablePage,
  export: datasetExportPage,
  api: datasetConsolePage,
  chart: datasetChartTab,
  map: datasetMapPage,
};
