// A stand-in erasure for the retention sweep on this branch: deletes the account row, and with it (by cascade) its rows.
// INTEGRATION: the portal uses the privacy office's eraseAccount(portal, userId, { by: 'retention' }) instead,
// which also pseudonymises what the map keeps (events, consents) and writes the erasure ledger.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EraseAccount } from './inactivity.ts';

export function deleteAccountRow(db: Kysely<Database>): EraseAccount {
  return async (userId) => {
    await db.deleteFrom('users').where('id', '=', userId).execute();
  };
}
