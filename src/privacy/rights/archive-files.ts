// Access archives waiting for download under <data>/archives: made on request, readable only by their owner's
// signed-in session, gone after 7 days (an expired link answers 410 and its files are deleted).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../i18n/index.ts';
import { recordEvent } from '../../events/store.ts';
import { buildAccessArchive } from './archive.ts';
import { archiveFile } from '../personal-data.ts';
import { renderAccessReport } from './report.tsx';
import type { RightsDeps } from './deps.ts';

const lifetimeMs = 7 * 86_400_000;
const archiveIdPattern = /^[A-Za-z0-9_-]{32}$/;

export type ArchiveFormat = 'json' | 'html';
export type ArchiveLookup = { kind: 'file'; path: string } | { kind: 'gone' } | { kind: 'unknown' };

export async function prepareArchive(deps: RightsDeps, userId: string, lang: Language): Promise<string> {
  const archive = await buildAccessArchive(deps, userId);
  const id = randomBytes(24).toString('base64url');
  const at = deps.clock();
  mkdirSync(join(deps.config.dataDir, 'archives'), { recursive: true, mode: 0o700 });
  writeFileSync(archiveFile(deps.config.dataDir, id, 'json'), JSON.stringify(archive, null, 2), { mode: 0o600 });
  writeFileSync(archiveFile(deps.config.dataDir, id, 'html'), renderAccessReport(archive, lang, deps.config.timezone), { mode: 0o600 });
  await deps.db.insertInto('access_archives').values({ id, user_id: userId, created_at: at.toISOString(), expires_at: new Date(at.getTime() + lifetimeMs).toISOString() }).execute();
  await recordEvent(deps.db, at, { actor: userId, verb: 'privacy.archive_prepared', subjectType: 'user', subjectId: userId });
  return id;
}

type FileDeps = Pick<RightsDeps, 'db' | 'clock' | 'config'>;

export async function archivesOf(deps: FileDeps, userId: string) {
  const now = deps.clock().toISOString();
  return deps.db.selectFrom('access_archives').select(['id', 'created_at', 'expires_at']).where('user_id', '=', userId).where('expires_at', '>', now).orderBy('created_at', 'desc').execute();
}

/** The owner's archive file; someone else's id is as unknown as a made-up one. */
export async function openArchive(deps: FileDeps, userId: string, id: string, format: ArchiveFormat): Promise<ArchiveLookup> {
  if (!archiveIdPattern.test(id)) return { kind: 'unknown' };
  const db = deps.db;
  const row = await db.selectFrom('access_archives').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.user_id !== userId) return { kind: 'unknown' };
  const at = deps.clock();
  if (row.expires_at <= at.toISOString()) {
    for (const ext of ['json', 'html'] as const) rmSync(archiveFile(deps.config.dataDir, id, ext), { force: true });
    await db.deleteFrom('access_archives').where('id', '=', id).execute();
    return { kind: 'gone' };
  }
  await recordEvent(db, at, { actor: userId, verb: 'privacy.archive_downloaded', subjectType: 'user', subjectId: userId, data: { format } });
  return { kind: 'file', path: archiveFile(deps.config.dataDir, id, format) };
}
