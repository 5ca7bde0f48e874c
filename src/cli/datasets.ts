// `opaal datasets list|show|delete`: the catalog from the command line.
import type { Config, Flags } from '../config.ts';
import { staffAudience } from '../catalog/service.ts';
import { openPortal } from '../portal.ts';
import { help } from './help.ts';

export async function runDatasets(config: Config, positionals: string[], flags: Flags): Promise<number> {
  const [action, id] = positionals;
  const needsId = action === 'show' || action === 'delete';
  if (!['list', 'show', 'delete'].includes(action ?? '') || (needsId && !id) || (!needsId && id)) {
    console.error(`opaal datasets: expected list, show ID or delete ID\n\n${help.datasets}`);
    return 2;
  }
  const portal = await openPortal(config);
  try {
    if (action === 'list') {
      const datasets = await portal.catalog.listDatasets(staffAudience);
      if (flags.json) console.log(JSON.stringify(datasets, null, 2));
      else if (datasets.length === 0) console.log('No datasets.');
      else {
        for (const d of datasets) {
          // A draft (made in the back office, not yet published) says so instead of its future visibility.
          console.log(`${d.id}\t${d.publishedAt ? d.visibility : 'draft'}\t${d.recordsCount}\t${d.metadata.title.nl ?? d.metadata.title.en ?? ''}`);
        }
      }
    } else if (action === 'show') {
      const dataset = await portal.catalog.getDataset(id, staffAudience);
      const versions = await portal.catalog.listVersions(id, staffAudience, { includeStaged: true });
      if (flags.json) console.log(JSON.stringify({ ...dataset, versions }, null, 2));
      else {
        console.log(`${dataset.id} (${dataset.visibility}${dataset.publishedAt ? '' : ', draft'}) — ${dataset.metadata.title.nl ?? ''}`);
        console.log(`records: ${dataset.recordsCount}, modified ${dataset.modifiedAt}`);
        console.log('fields:');
        for (const f of dataset.fields) console.log(`  ${f.name}\t${f.type}\t${typeof f.label === 'string' ? f.label : Object.entries(f.label).map(([language, label]) => `${language}: ${label}`).join(' · ')}`);
        console.log('versions:');
        for (const v of versions) console.log(`  ${v.number}\t${v.createdAt}\t${v.recordsCount} records\t${v.sourceName}${v.publishedAt ? '' : '\t(staged)'}`);
      }
    } else {
      await portal.catalog.deleteDataset(id, 'cli');
      console.log(`Deleted ${id}.`);
    }
    return 0;
  } finally {
    await portal.close();
  }
}
