// What the back office's pages and publishing API are given: built once in index.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BlobStore } from '../blobs/index.ts';
import type { CatalogService } from '../catalog/service.ts';
import type { DatasetMetadata } from '../catalog/types.ts';
import type { Config } from '../config.ts';
import type { PageContext } from '../web/context.ts';
import type { ContactWarning } from './hygiene.ts';

export interface BackofficeDeps {
  config: Config;
  catalog: CatalogService;
  blobs: BlobStore;
  contextOf: (request: FastifyRequest) => PageContext;
  /** The publishing hygiene check of a dataset's contact point. */
  contactWarning: (metadata: Pick<DatasetMetadata, 'contactPoint'>) => Promise<ContactWarning | null>;
  /** Other modules' routes served under the publishing API's prefix and described in its OpenAPI document (webhooks). */
  alsoUnder?: (api: FastifyInstance) => Promise<void>;
  /** Information requests per status, shown on the back office's home (staff land there); absent, none is shown. */
  requestCounts?: () => Promise<Record<string, number>>;
  /** Reuses waiting for a decision and posts or comments waiting for a moderator, beside the request counts. */
  exchangeCounts?: () => Promise<{ pendingReuses: number; moderation: number }>;
}
