// swagger.json describes every Explore API route the server really registers, and nothing it does not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { json, startServer, type ServerHarness } from '../helpers/server.ts';

let s: ServerHarness;
before(async () => {
  s = await startServer();
});
after(() => s.close());

test('documents exactly the registered routes, in OpenAPI 3', async () => {
  const document = await json(s.get('/api/explore/v2.1/swagger.json'));
  assert.equal(document.openapi, '3.0.3');
  assert.equal(document.servers[0].url, `${s.portal.config.baseUrl}/api/explore/v2.1`);
  // printRoutes draws a tree, four characters a level: rebuild each full path from its ancestors.
  const registered = new Set<string>();
  const stack: string[] = [];
  for (const line of s.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:│   |    )*)(?:├── |└── )(.*)$/.exec(line);
    if (!node) continue;
    const depth = node[1].length / 4;
    stack[depth] = node[2].split(' (')[0];
    stack.length = depth + 1;
    const path = stack.join('');
    if (path.startsWith('/api/explore/v2.1') && line.includes('GET')) registered.add(path.slice('/api/explore/v2.1'.length) || '/');
  }
  const documented = new Set(Object.keys(document.paths).map((p) => p.replace(/\{(\w+)\}/g, (_, n) => `:${n === 'dataset_id' ? 'datasetId' : n === 'record_id' ? 'recordId' : n === 'attachment_id' ? 'attachmentId' : n}`)));
  assert.ok(registered.size >= 10, `routes read from the server: ${[...registered].join(', ')}`);
  assert.deepEqual([...registered].filter((p) => !documented.has(p)).sort(), [], 'routes missing from swagger.json');
  assert.deepEqual([...documented].filter((p) => !registered.has(p)).sort(), [], 'documented routes that do not exist');
  for (const [path, item] of Object.entries(document.paths) as [string, { get: { responses: Record<string, unknown> } }][]) {
    assert.ok(item.get.responses['200'] && item.get.responses['400'], path);
  }
});
