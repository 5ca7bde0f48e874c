// The notice of a changed privacy statement (GDPR Art. 13(3)): a signed-in person whose last acceptance or
// acknowledgement is of another text sees a banner until they acknowledge the current version; someone who never
// accepted a version has nothing that changed, and a new version with the same text (digest) changes nothing.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { accountOf } from '../../accounts/auth.ts';
import type { AccountStore } from '../../accounts/store.ts';
import type { Clock } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { Conflict } from '../../errors.ts';
import { recordEvent } from '../../events/store.ts';
import type { StatementService } from './service.ts';

interface StatementNotice {
  /** The current version, to acknowledge. */
  version: number;
  /** The version last accepted or acknowledged, when it is one of the stored versions. */
  since: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    statementNotice: StatementNotice | null;
  }
}

const statementPurpose = 'privacy_statement';

export function createAcknowledgements(deps: { db: Kysely<Database>; clock: Clock; statements: StatementService; accounts: Pick<AccountStore, 'lastConsentTo' | 'insertConsent'> }) {
  const { db, accounts } = deps;
  const lastOf = (userId: string) => accounts.lastConsentTo(userId, statementPurpose);
  return {
    /** The notice this person should see, or null when they know the current text. */
    async noticeFor(userId: string): Promise<StatementNotice | null> {
      const current = await deps.statements.current();
      const last = await lastOf(userId);
      if (!last || last.statement_digest === current.digest) return null;
      const since = last && /^\d+$/.test(last.statement_version) ? Number(last.statement_version) : null;
      return { version: current.number, since };
    },

    /** Records that the person read `version`; refused when the statement changed again since the page was shown. */
    async acknowledge(userId: string, version: number, lang: string): Promise<void> {
      const current = await deps.statements.current();
      if (current.number !== version) throw new Conflict('The privacy statement has changed again meanwhile: read the new version.', 'statement_changed');
      const at = deps.clock().toISOString();
      await accounts.insertConsent({ user_id: userId, purpose: statementPurpose, statement_version: current.version, statement_digest: current.digest, method: 'acknowledged', language: lang, given_at: at });
      await recordEvent(db, deps.clock(), { actor: userId, verb: 'privacy.statement_acknowledged', subjectType: 'user', subjectId: userId, data: { version: current.number } });
    },
  };
}
export type Acknowledgements = ReturnType<typeof createAcknowledgements>;

/** On the root app: every page request of a signed-in person learns whether to show the notice. */
export function installStatementNotice(app: FastifyInstance, deps: { acknowledgements: Acknowledgements }): void {
  app.decorateRequest('statementNotice', null);
  app.addHook('preHandler', async (request) => {
    // Every method: a page answered to a form (an error, a 404) looks the same as one answered to a link.
    if (request.url.startsWith('/api/') || request.url.startsWith('/-/static/')) return;
    const account = accountOf(request);
    if (!account || request.keyAccount) return;
    request.statementNotice = await deps.acknowledgements.noticeFor(account.id);
  });
}
