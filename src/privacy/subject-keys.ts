// Keyed digests of an account id with the portal's key: the pseudonym left in kept records and the ledger's digest.
// Different labels keep them unlinkable to each other; without the key neither leads back to the id.
import { createHmac } from 'node:crypto';
import { portalKey } from '../accounts/secret-box.ts';
import type { Config } from '../config.ts';

interface SubjectKeys {
  pseudonym(userId: string): string;
  ledgerDigest(userId: string): string;
}

export function subjectKeys(config: Pick<Config, 'dataDir' | 'secretKey'>): SubjectKeys {
  const key = portalKey(config);
  const mac = (label: string, userId: string) => createHmac('sha256', key()).update(`${label}:${userId}`).digest('hex');
  return {
    pseudonym: (userId) => `former-user-${mac('pseudonym', userId).slice(0, 8)}`,
    ledgerDigest: (userId) => mac('erasure-ledger', userId),
  };
}
