// A dataset's attachments: documents an editor adds beside the data (methodology, documentation), served as
// Opendatasoft serves them. Only the types of the allow-list are kept, each confirmed by its first bytes, under a
// name made safe; the file goes into the blob store before its row, and goes away after it.
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Invalid, NotFound, TooLarge } from '../errors.ts';
import { recordEvent } from '../events/store.ts';
import type { Attachment, Dataset } from './types.ts';
import type { CatalogDeps } from './versions.ts';

/** The largest attachment kept: documentation, not data (data goes into a version). */
export const attachmentMaxBytes = 20_000_000;

const titleMax = 200;

type Sniff = 'pdf' | 'zip' | 'text' | 'png' | 'jpeg';

/**
 * What may be attached, by extension: the type it is served as and the first bytes it must have. No HTML, SVG or
 * script: a file served from the portal's own address must not be able to run in a visitor's browser.
 */
export const attachmentTypes: Record<string, { mimeType: string; sniff: Sniff }> = {
  pdf: { mimeType: 'application/pdf', sniff: 'pdf' },
  txt: { mimeType: 'text/plain; charset=utf-8', sniff: 'text' },
  md: { mimeType: 'text/markdown; charset=utf-8', sniff: 'text' },
  csv: { mimeType: 'text/csv; charset=utf-8', sniff: 'text' },
  json: { mimeType: 'application/json', sniff: 'text' },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: 'zip' },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: 'zip' },
  pptx: { mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', sniff: 'zip' },
  odt: { mimeType: 'application/vnd.oasis.opendocument.text', sniff: 'zip' },
  ods: { mimeType: 'application/vnd.oasis.opendocument.spreadsheet', sniff: 'zip' },
  zip: { mimeType: 'application/zip', sniff: 'zip' },
  png: { mimeType: 'image/png', sniff: 'png' },
  jpg: { mimeType: 'image/jpeg', sniff: 'jpeg' },
  jpeg: { mimeType: 'image/jpeg', sniff: 'jpeg' },
};

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/**
 * Whether the file's first bytes are what its extension says; text is UTF-8 without NUL bytes. `whole`: the head is
 * the whole file, so a character cut off at its end is an error, not the head's edge.
 */
function looksLike(head: Buffer, sniff: Sniff, whole: boolean): boolean {
  if (sniff === 'pdf') return head.subarray(0, 5).toString('latin1') === '%PDF-';
  if (sniff === 'zip') return startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  if (sniff === 'png') return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (sniff === 'jpeg') return startsWith(head, [0xff, 0xd8, 0xff]);
  if (head.includes(0)) return false;
  try {
    // Streaming: a character the head cuts in two waits for bytes that never come, unless the head is the file.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

async function headOf(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/**
 * The name a download is saved as: no folders; control characters and those systems refuse in a file name (quotes,
 * `<>|*?:`) become spaces; at most 150 characters, the extension kept.
 */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()!.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>|*?:]/g, ' ').replace(/\s+/g, ' ').trim();
  const dot = base.lastIndexOf('.');
  if (base.length <= 150) return base;
  const extension = dot > 0 ? base.slice(dot) : '';
  return base.slice(0, 150 - extension.length) + extension;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** An id as Opendatasoft makes them (`methodologie_2024_pdf`): lowercase letters, digits and `_`. */
/** The title as given, spaces tidied; none given, the file's name. */
function titleOr(given: string | undefined, fileName: string): string {
  const title = (given ?? '').replace(/\s+/g, ' ').trim() || fileName;
  if (title.length > titleMax) throw new Invalid(`A title has at most ${titleMax} characters.`, 'attachment_title');
  return title;
}

function idFromName(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
  return id || 'attachment';
}

/** `visible`: the dataset as the audience may see it (the catalog service's rule, service.ts), or NotFound. */
export function attachmentOperations<Audience>(deps: CatalogDeps, visible: (id: string, audience: Audience) => Promise<Dataset>) {
  const { store, blobs, clock } = deps;

  async function staffDataset(id: string, trx?: Kysely<Database>): Promise<Dataset> {
    const dataset = await store.getDataset(id, trx);
    if (!dataset) throw new NotFound(`The requested dataset ${id} does not exist.`, 'no_dataset');
    return dataset;
  }

  /** Refuses a file that is not on the allow-list, is empty or too large, or whose bytes are not what its name says. */
  async function checkFile(path: string, fileName: string, bytes: number): Promise<{ mimeType: string; extension: string }> {
    const extension = extensionOf(fileName);
    const type = Object.hasOwn(attachmentTypes, extension) ? attachmentTypes[extension] : null;
    if (!type) {
      throw new Invalid(`A .${extension || '?'} file cannot be attached; attach ${Object.keys(attachmentTypes).join(', ')}. Nothing was stored.`, 'attachment_type');
    }
    if (bytes > attachmentMaxBytes) throw new TooLarge(`The file is larger than ${attachmentMaxBytes} bytes, the largest attachment this portal keeps; nothing was stored.`);
    if (bytes === 0) throw new Invalid('The file is empty; nothing was stored.', 'attachment_empty');
    const head = await headOf(path);
    if (!looksLike(head, type.sniff, head.length >= bytes)) {
      throw new Invalid(`The file's content is not ${extension.toUpperCase()} as its name says; nothing was stored.`, 'attachment_content');
    }
    return { mimeType: type.mimeType, extension };
  }

  return {
    /** The dataset's attachments, oldest first, for whoever may see the dataset. */
    async listAttachments(datasetId: string, audience: Audience): Promise<Attachment[]> {
      await visible(datasetId, audience);
      return store.listAttachments(datasetId);
    },

    /** One attachment and where its file is, for whoever may see the dataset. */
    async attachmentFile(datasetId: string, attachmentId: string, audience: Audience): Promise<{ attachment: Attachment; path: string }> {
      await visible(datasetId, audience);
      const attachment = await store.getAttachment(datasetId, attachmentId);
      if (!attachment) throw new NotFound(`The requested attachment ${attachmentId} does not exist.`);
      return { attachment, path: blobs.pathOf(attachment.blob) };
    },

    /**
     * Keeps an uploaded file (a temp path, which the caller discards) as an attachment. The file is moved into the
     * blob store first and the row written after: a failure removes the file again, so nothing is half kept.
     */
    async addAttachment(request: { datasetId: string; path: string; fileName: string; bytes: number; title?: string; actor: string }): Promise<Attachment> {
      await staffDataset(request.datasetId);
      const fileName = safeFileName(request.fileName);
      const title = titleOr(request.title, fileName);
      const { mimeType, extension } = await checkFile(request.path, fileName, request.bytes);
      const blob = `attachments/${request.datasetId}/${randomBytes(12).toString('hex')}.${extension}`;
      const bytes = await blobs.commit(request.path, blob);
      try {
        return await store.transaction(async (trx) => {
          await staffDataset(request.datasetId, trx);
          const taken = new Set((await store.listAttachments(request.datasetId, trx)).map((a) => a.id));
          const base = idFromName(fileName);
          let id = base;
          for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
          const attachment: Attachment = { datasetId: request.datasetId, id, title, fileName, mimeType, bytes, blob, createdAt: clock().toISOString() };
          await store.insertAttachment(trx, attachment);
          await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.attachment_added', subjectType: 'dataset', subjectId: request.datasetId, data: { attachment: id, bytes } });
          return attachment;
        });
      } catch (error) {
        await blobs.remove(blob);
        throw error;
      }
    },

    /** Gives an attachment another title (empty: its file's name); its id and address stay. */
    async retitleAttachment(request: { datasetId: string; attachmentId: string; title: string; actor: string }): Promise<Attachment> {
      return store.transaction(async (trx) => {
        await staffDataset(request.datasetId, trx);
        const attachment = await store.getAttachment(request.datasetId, request.attachmentId, trx);
        if (!attachment) throw new NotFound(`Dataset ${request.datasetId} has no attachment ${request.attachmentId}.`);
        const title = titleOr(request.title, attachment.fileName);
        if (title === attachment.title) return attachment;
        await store.retitleAttachment(trx, request.datasetId, request.attachmentId, title);
        await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.attachment_retitled', subjectType: 'dataset', subjectId: request.datasetId, data: { attachment: attachment.id } });
        return { ...attachment, title };
      });
    },

    /** Removes an attachment: the row in one transaction with its event, then the file. */
    async removeAttachment(request: { datasetId: string; attachmentId: string; actor: string }): Promise<void> {
      const removed = await store.transaction(async (trx) => {
        await staffDataset(request.datasetId, trx);
        const attachment = await store.getAttachment(request.datasetId, request.attachmentId, trx);
        if (!attachment) throw new NotFound(`Dataset ${request.datasetId} has no attachment ${request.attachmentId}.`);
        await store.deleteAttachment(trx, request.datasetId, request.attachmentId);
        await recordEvent(trx, clock(), { actor: request.actor, verb: 'dataset.attachment_removed', subjectType: 'dataset', subjectId: request.datasetId, data: { attachment: attachment.id } });
        return attachment;
      });
      // After the commit: a crash in between leaves an orphan file, never a row without its file.
      await blobs.remove(removed.blob);
    },
  };
}
