// Receiving a file for a new version: a multipart form or a raw body, streamed to a temp file within the size limit.
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../blobs/index.ts';
import { Invalid, TooLarge } from '../errors.ts';

export interface ReceivedFile {
  /** A temp path in the blob store; the caller discards it. */
  path: string;
  /** The name the publisher knows the file by; its extension says the format. */
  name: string;
  bytes: number;
}

interface PendingUpload {
  file: MultipartFile | null;
  parts: AsyncIterator<Multipart>;
  taken: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A multipart form read up to its file part, the file still unread. */
    pendingUpload: PendingUpload | null;
  }
}

/** Room for a form's other fields and part headers around the file itself. */
const formOverhead = 64 * 1024;

function tooLarge(maxBytes: number): TooLarge {
  return new TooLarge(`The file is larger than ${maxBytes} bytes, the largest this portal accepts; nothing was stored.`);
}

/** The name to show and to take the format from: no folders, no control characters, not too long. */
function safeName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base.slice(-200) || 'upload';
}

function declaredTooLarge(request: FastifyRequest, limit: number): boolean {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length > limit;
}

/**
 * A preValidation hook: reads a multipart form's fields up to its file part into `request.body`,
 * leaving the file unread. The CSRF field comes before the file in the form, so the token is
 * checked (by the preHandler) before a byte of the file is stored.
 */
export function readFieldsBeforeFile(maxBytes: number) {
  return async function fieldsBeforeFile(request: FastifyRequest): Promise<void> {
    if (declaredTooLarge(request, maxBytes + formOverhead)) throw tooLarge(maxBytes);
    if (!request.isMultipart()) return;
    // The plugin is registered with throwFileSizeLimit off: a file past the limit is marked truncated, which receiveFormFile checks.
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
    const fields: Record<string, string> = {};
    let file: MultipartFile | null = null;
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      if (next.value.type === 'file') {
        file = next.value;
        break;
      }
      fields[next.value.fieldname] = String(next.value.value);
    }
    request.body = fields;
    request.pendingUpload = { file, parts, taken: false };
  };
}

/** An onResponse hook: a file nobody read (the request was refused) is read to nowhere, so the request completes. */
export async function drainUnread(request: FastifyRequest): Promise<void> {
  const pending = request.pendingUpload;
  if (!pending || pending.taken) return;
  pending.taken = true;
  pending.file?.file.resume();
  void (async () => {
    for (let next = await pending.parts.next(); !next.done; next = await pending.parts.next()) {
      if (next.value.type === 'file') next.value.file.resume();
    }
  })().catch(() => undefined);
}

async function toTempFile(source: NodeJS.ReadableStream, blobs: BlobStore, maxBytes: number): Promise<{ path: string; bytes: number }> {
  const path = blobs.tempPath('.upload');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(path));
    return { path, bytes };
  } catch (error) {
    await blobs.discard(path);
    throw error;
  }
}

/** The form's file, saved; the rest of the form is read and ignored. */
export async function receiveFormFile(request: FastifyRequest, blobs: BlobStore, maxBytes: number): Promise<ReceivedFile> {
  const pending = request.pendingUpload;
  if (!pending) throw new Invalid('Send the file as multipart/form-data, with the form fields before the file.', 'no_file');
  pending.taken = true;
  const part = pending.file;
  if (!part || !part.filename) {
    part?.file.resume();
    throw new Invalid('The form has no file; choose one to upload.', 'no_file');
  }
  const saved = await toTempFile(part.file, blobs, maxBytes);
  // Busboy stops a file at the size limit and marks it truncated rather than failing.
  if (part.file.truncated) {
    await blobs.discard(saved.path);
    throw tooLarge(maxBytes);
  }
  for (let next = await pending.parts.next(); !next.done; next = await pending.parts.next()) {
    if (next.value.type === 'file') next.value.file.resume();
  }
  return { path: saved.path, name: safeName(part.filename), bytes: saved.bytes };
}

/** The request's body as the file (the API's raw upload); a body that goes past the limit is read to nowhere. */
export async function receiveRawBody(request: FastifyRequest, blobs: BlobStore, maxBytes: number, name: string): Promise<ReceivedFile> {
  if (declaredTooLarge(request, maxBytes)) throw tooLarge(maxBytes);
  try {
    const saved = await toTempFile(request.raw, blobs, maxBytes);
    if (saved.bytes === 0) {
      await blobs.discard(saved.path);
      throw new Invalid('The request has no body: send the file as the body, or as multipart/form-data.', 'no_file');
    }
    return { ...saved, name: safeName(name) };
  } catch (error) {
    request.raw.resume();
    throw error;
  }
}
