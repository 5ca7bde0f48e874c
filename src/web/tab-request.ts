// What a dataset tab's page is given to render (web/routes.ts lists the tabs).
import type { Audience, CatalogService } from '../catalog/service.ts';
import type { Dataset } from '../catalog/types.ts';
import type { RecordsService } from '../explore/records.ts';
import type { PageContext } from './context.ts';
import type { RecordFilters } from './filters.ts';
import type { Html } from '../html/jsx-runtime.ts';

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
