// `opaal migrate`: applies pending migrations and says which.
import type { Config } from '../config.ts';
import { migrate, openStore, reach } from '../db/index.ts';

export async function runMigrate(config: Config): Promise<number> {
  const store = openStore(config);
  try {
    await reach(store, config.databaseUrl);
    const results = await migrate(store.db);
    if (results.length === 0) console.log(`${store.describe}: schema is up to date.`);
    for (const r of results) console.log(`${store.describe}: applied ${r.migrationName}`);
    return 0;
  } finally {
    await store.close();
  }
}
