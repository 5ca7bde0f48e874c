// The privacy statement a person accepts: its version and the digest of its exact text, recorded with each acceptance.
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import { statementText } from './statement-text.ts';

export interface Statement {
  version: string;
  digest: string;
}

/** Raise when the statement's substance changes: accounts are then shown the change. */
export const statementVersion = '2026-11-29';

export function currentStatement(config: Pick<Config, 'portalName' | 'publisherName' | 'contactEmail'>): Statement {
  const text = ['nl', 'en'].map((lang) => statementText(lang as 'nl' | 'en', config).map((s) => `${s.heading}\n${s.paragraphs.join('\n')}`).join('\n')).join('\n');
  return { version: statementVersion, digest: createHash('sha256').update(text).digest('hex') };
}
