// `opaal import FILE --dataset ID`: publishes a new version from a file.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Config, Flags } from '../config.ts';
import { parseMetadataInput, type MetadataInput } from '../catalog/metadata.ts';
import { Invalid } from '../errors.ts';
import { openPortal } from '../portal.ts';
import { help } from './help.ts';
import { ChecksPending } from '../catalog/checks.ts';
import { reportLines } from '../web/import-report.ts';

async function readMeta(path: string): Promise<MetadataInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new Invalid(`Cannot read the metadata file ${path}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Invalid(`The metadata file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseMetadataInput(json);
}

export async function runImport(config: Config, positionals: string[], flags: Flags): Promise<number> {
  const file = positionals[0];
  const datasetId = flags.dataset;
  if (!file || positionals.length > 1 || typeof datasetId !== 'string') {
    console.error(`opaal import: give one FILE and --dataset ID\n\n${help.import}`);
    return 2;
  }
  const input = typeof flags.meta === 'string' ? await readMeta(flags.meta) : { metadata: {} };
  if (typeof flags.title === 'string') input.metadata.title = { ...input.metadata.title, nl: flags.title };
  const started = performance.now();
  const portal = await openPortal(config);
  try {
    let imported;
    try {
      imported = await portal.catalog.importDataset({
        datasetId,
        path: file,
        displayName: basename(file),
        input,
        actor: 'cli',
        acceptChecks: flags['accept-checks'] === true,
      });
    } catch (error) {
      if (!(error instanceof ChecksPending)) throw error;
      console.error(reportLines('en', error.report).join('\n'));
      console.error(
        `\nNothing was published: ${error.message}\nChoose the types in --meta ("fields": [{"name": …, "type": …, "format": …}]) and import again, or add --accept-checks to publish as read.`,
      );
      return 3;
    }
    const { dataset, version } = imported;
    if (version.report) console.log(reportLines('en', version.report).join('\n'));
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(
      `Imported ${basename(file)} into ${dataset.id}: version ${version.number}, ${version.recordsCount} records, ` +
        `${version.fields.length} fields (${version.fields.map((f) => `${f.name}:${f.type}`).join(', ')}) in ${seconds} s.`,
    );
    const changes = version.changes;
    if (changes && changes.comparedTo !== null) {
      const fields = [['new fields', changes.fields_added], ['fields removed', changes.fields_removed], ['fields retyped', changes.fields_retyped.map((f) => `${f.name} ${f.from}→${f.to}`)]] as const;
      console.log(
        `Against version ${changes.comparedTo}: ${changes.added} added, ${changes.removed} removed${changes.changed === null ? ' (no key: compared by content)' : `, ${changes.changed} changed`}` +
          fields.filter(([, list]) => list.length > 0).map(([what, list]) => `; ${what}: ${list.join(', ')}`).join('') + '.',
      );
    }
    return 0;
  } finally {
    await portal.close();
  }
}
