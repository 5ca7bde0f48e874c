// Consents outlive the account they came from (the proof of an acceptance stays under a pseudonym), so consents.user_id
// must not reference users. 0008 dropped that foreign key on PostgreSQL by the name PostgreSQL usually gives it; a
// database where it had another name kept it. This finds it by its column and drops it, whatever its name. SQLite's
// table was rebuilt without it in 0008.
import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../portable.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) return;
  await sql`
    DO $$
    DECLARE name text;
    BEGIN
      FOR name IN
        SELECT con.conname FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = con.conkey[1]
        WHERE con.contype = 'f' AND t.relname = 'consents' AND t.relnamespace = current_schema()::regnamespace
          AND array_length(con.conkey, 1) = 1 AND a.attname = 'user_id'
      LOOP
        EXECUTE format('ALTER TABLE consents DROP CONSTRAINT %I', name);
      END LOOP;
    END $$`.execute(db);
}

export async function down(): Promise<void> {
  // A foreign key erasure depends on not having is not put back.
}
