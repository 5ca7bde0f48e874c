// Streams a ZIP (deflated; ZIP64 once past 4 GiB) of files on disk, and removes them once sent or abandoned.
import { PassThrough, pipeline, type Readable } from 'node:stream';
import yazl from 'yazl';

type ZipEntry = { name: string; path: string } | { name: string; content: Buffer };

export function zipStream(entries: ZipEntry[], cleanup: () => Promise<void>): Readable {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if ('path' in entry) zip.addFile(entry.path, entry.name);
    else zip.addBuffer(entry.content, entry.name);
  }
  zip.end();
  const out = new PassThrough();
  // Whether the client read it all or went away, the temp files go.
  pipeline(zip.outputStream as Readable, out, () => void cleanup());
  zip.on('error', (error: Error) => out.destroy(error));
  return out;
}
