// Test support: a real portal and HTTP server on a loopback port.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Clock } from '../../src/clock.ts';
import { parseMetadataInput } from '../../src/catalog/metadata.ts';
import { buildApp } from '../../src/app.ts';
import { openPortal, type Portal } from '../../src/portal.ts';
import { fixture } from './engine.ts';
import { testEnvironment, type DialectName, type TestEnvironment } from './stores.ts';

export interface ServerHarness {
  portal: Portal;
  app: FastifyInstance;
  env: TestEnvironment;
  url: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startServer(
  dialect: DialectName = 'sqlite',
  env: Record<string, string> = {},
  options: { clock?: Clock; logger?: FastifyServerOptions['logger'] } = {},
): Promise<ServerHarness> {
  const environment = await testEnvironment(dialect, env);
  const portal = await openPortal(environment.config, { clock: options.clock });
  const app = await buildApp(portal, { logger: options.logger ?? (process.env.TEST_LOG ? { level: 'error' } : false) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    portal,
    app,
    env: environment,
    url,
    get: (path, init) => fetch(`${url}${path}`, init),
    async close() {
      await app.close();
      await portal.close();
      await environment.cleanup();
    },
  };
}

/** A response body as JSON; `any` because tests probe wire shapes freely (a boundary). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(response: Response | Promise<Response>): Promise<any> {
  return (await response).json();
}

/** Imports the reference's `cities` dataset (test/fixtures/explore) used by the conformance tests. */
export async function importCities(portal: Portal): Promise<void> {
  await portal.catalog.importDataset({
    datasetId: 'cities',
    path: fixture('explore/cities.json'),
    input: parseMetadataInput(JSON.parse(readFileSync(fixture('explore/cities.meta.json'), 'utf8'))),
    actor: 'test',
  });
}
