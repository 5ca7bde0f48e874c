// Reuses: a signed-in person submits one (limited per account), staff approve or reject it, the submitter is mailed the
// decision in their language; approved ones are public, on their datasets and counted in the catalog API.
import type { Account } from '../../accounts/types.ts';
import type { AccountStore } from '../../accounts/store.ts';
import type { Attempts } from '../../accounts/attempts.ts';
import { can } from '../../accounts/permissions.ts';
import type { BlobStore } from '../../blobs/index.ts';
import type { Audience, CatalogService } from '../../catalog/service.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { Conflict, Forbidden, Invalid, NotFound, TooMany, UnsupportedMediaType } from '../../errors.ts';
import { newId } from '../../accounts/secrets.ts';
import { languages, type Language } from '../../i18n/index.ts';
import type { Mailer } from '../../mail/outbox.ts';
import { imageTypeOf } from './image.ts';
import { decisionMail } from './mail.ts';
import { publicName } from '../public-name.ts';
import { staffNotices, type StaffMember } from '../staff-notice.ts';
import type { ReuseRow, ReuseStore } from './store.ts';
import { reuseTypes, type OwnedReuse, type Reuse, type ReuseInput, type ReuseType } from './types.ts';

export type ReuseService = ReturnType<typeof createReuseService>;

/** Text limits: a longer text is refused with a message saying so, never cut. */
const reuseLimits = { title: 200, description: 5000, url: 2000, reason: 2000, datasets: 20 };
const submissionsPerDay = { limit: 10, windowMs: 24 * 3_600_000 };

interface ReuseDeps {
  store: ReuseStore;
  accounts: Pick<AccountStore, 'usersByIds' | 'userById'>;
  catalog: Pick<CatalogService, 'getDataset'>;
  audienceOf: (account: Account | null) => Promise<Audience>;
  blobs: BlobStore;
  mailer: Pick<Mailer, 'send' | 'sendMany'>;
  attempts: Pick<Attempts, 'reserve'>;
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'defaultLanguage' | 'portalName'>;
  /** The staff who may decide on a reuse, each with their language (told of a new one). */
  staff: () => Promise<StaffMember[]>;
}

export function createReuseService(deps: ReuseDeps) {
  const { store } = deps;

  async function present(rows: ReuseRow[]): Promise<OwnedReuse[]> {
    const datasets = await store.datasetsOf(rows.map((r) => r.id));
    const users = new Map((await deps.accounts.usersByIds([...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u]));
    return rows.map((r) => {
      const user = users.get(r.user_id);
      return {
        id: r.id, title: r.title, description: r.description, url: r.url, type: r.type as ReuseType, hasImage: r.image_key !== null,
        status: r.status as OwnedReuse['status'], rejectReason: r.reject_reason, author: user ? publicName(user) : null,
        datasetIds: datasets.get(r.id) ?? [], createdAt: r.created_at, decidedAt: r.decided_at, userId: r.user_id, language: r.language,
      };
    });
  }
  /** What the public sees of a reuse: never the submitter's id or language. */
  const publicOf = ({ userId: _u, language: _l, ...reuse }: OwnedReuse): Reuse => reuse;

  function check(input: ReuseInput): { title: string; description: string; url: string; type: ReuseType; datasetIds: string[] } {
    const title = input.title.trim();
    const description = input.description.trim();
    const url = input.url.trim();
    if (!title) throw new Invalid('Give the reuse a title.', 'reuse_title');
    if (!description) throw new Invalid('Describe the reuse.', 'reuse_description');
    if (title.length > reuseLimits.title || description.length > reuseLimits.description || url.length > reuseLimits.url) {
      throw new Invalid(`The text is too long: a title has at most ${reuseLimits.title} characters, a description ${reuseLimits.description}.`, 'reuse_too_long');
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password) {
      throw new Invalid('Give the address of the reuse as a web address starting with http:// or https://.', 'reuse_url');
    }
    if (!(reuseTypes as readonly string[]).includes(input.type)) throw new Invalid('Choose the kind of reuse.', 'reuse_type');
    const datasetIds = [...new Set(input.datasetIds.map((d) => d.trim()).filter(Boolean))];
    if (datasetIds.length === 0 || datasetIds.length > reuseLimits.datasets) throw new Invalid('Name the datasets the reuse uses.', 'reuse_datasets');
    return { title, description, url: parsed.href, type: input.type as ReuseType, datasetIds };
  }

  return {
    /**
     * Registers a pending reuse. The image (a temp file, whatever happens it is gone afterwards) is checked by its first
     * bytes and moved into the blob store inside the row's transaction: an image is stored exactly when its row is.
     */
    async submit(account: Account, input: ReuseInput, lang: Language, image: { path: string } | null): Promise<OwnedReuse> {
      try {
        const valid = check(input);
        const audience = await deps.audienceOf(account);
        for (const id of valid.datasetIds) {
          await deps.catalog.getDataset(id, audience).catch((error: unknown) => {
            throw error instanceof NotFound ? new Invalid(`There is no dataset ${id}.`, 'reuse_datasets') : error;
          });
        }
        const imageType = image ? await imageTypeOf(image.path) : null;
        if (image && !imageType) throw new UnsupportedMediaType('The image must be a PNG, JPEG or WebP file; nothing was stored.');
        const wait = await deps.attempts.reserve([{ scope: 'reuses:account', value: account.id, rule: submissionsPerDay }]);
        if (wait > 0) throw new TooMany(`You submitted many reuses today; try again in ${Math.ceil(wait / 3600)} hours.`, 'reuse_too_many');
        const id = newId('ru');
        const imageKey = image ? `reuses/${id.toLowerCase()}.img` : null;
        const row: ReuseRow = {
          id, user_id: account.id, title: valid.title, description: valid.description, url: valid.url, type: valid.type, image_key: imageKey, image_type: imageType,
          status: 'pending', reject_reason: null, language: lang, created_at: deps.clock().toISOString(), decided_at: null, decided_by: null,
        };
        try {
          await store.insert(row, valid.datasetIds, async () => {
            if (image && imageKey) await deps.blobs.commit(image.path, imageKey);
          });
        } catch (error) {
          if (imageKey) await deps.blobs.remove(imageKey).catch(() => undefined);
          throw error;
        }
        // Staff who may decide hear of it once each, in their language, with the link to the moderation list.
        await deps.mailer.sendMany(staffNotices((await deps.staff()).filter((m) => m.id !== account.id), { config: deps.config, kind: 'reuse', id, title: valid.title, path: '/-/reuses/moderation' }));
        return (await present([row]))[0];
      } finally {
        if (image) await deps.blobs.discard(image.path);
      }
    },

    /** Approved reuses, newest first; of one type or one dataset when asked. */
    async listApproved(filter: { type?: string; datasetId?: string } = {}): Promise<Reuse[]> {
      const type = filter.type && (reuseTypes as readonly string[]).includes(filter.type) ? filter.type : undefined;
      return (await present(await store.list({ status: 'approved', type, datasetId: filter.datasetId }))).map(publicOf);
    },

    /** The moderation list: pending first, then the latest decided. */
    async listForStaff(account: Account): Promise<OwnedReuse[]> {
      if (!can(account, 'dataset.edit')) throw new Forbidden('Only editors and admins moderate reuses.', 'permission');
      return [...(await present(await store.list({ status: 'pending' }))), ...(await present(await store.list({ status: 'approved' }, 50))), ...(await present(await store.list({ status: 'rejected' }, 50)))];
    },

    /** One reuse: approved ones for everyone; a pending or rejected one for its submitter and staff only. */
    async get(id: string, viewer: Account | null): Promise<Reuse> {
      const row = await store.byId(id);
      if (!row || (row.status !== 'approved' && !(viewer && (viewer.id === row.user_id || can(viewer, 'dataset.edit'))))) throw new NotFound(`There is no reuse ${id}.`, 'reuse_unknown');
      return publicOf((await present([row]))[0]);
    },

    /** The image file of a reuse the viewer may see, and its checked type. */
    async image(id: string, viewer: Account | null): Promise<{ path: string; type: string }> {
      await this.get(id, viewer);
      const row = await store.byId(id);
      if (!row?.image_key || !row.image_type) throw new NotFound(`Reuse ${id} has no image.`, 'reuse_unknown');
      return { path: deps.blobs.pathOf(row.image_key), type: row.image_type };
    },

    /** Approves or rejects (with a reason) a pending reuse, once, and mails the submitter the decision in their language. */
    async decide(staff: Account, id: string, decision: { approve: true } | { approve: false; reason: string }): Promise<void> {
      if (!can(staff, 'dataset.edit')) throw new Forbidden('Only editors and admins moderate reuses.', 'permission');
      const reason = decision.approve ? null : decision.reason.trim();
      if (!decision.approve && !reason) throw new Invalid('Say why the reuse is rejected: the submitter reads it.', 'reuse_reason');
      if (reason && reason.length > reuseLimits.reason) throw new Invalid(`The reason has at most ${reuseLimits.reason} characters.`, 'reuse_too_long');
      const row = await store.byId(id);
      if (!row) throw new NotFound(`There is no reuse ${id}.`, 'reuse_unknown');
      const status = decision.approve ? 'approved' : 'rejected';
      const done = await store.decide(id, { status, reject_reason: reason, decided_at: deps.clock().toISOString(), decided_by: staff.id });
      if (!done) throw new Conflict('This reuse was decided already.', 'reuse_decided');
      const user = await deps.accounts.userById(row.user_id);
      if (!user) return;
      const lang = ((languages as readonly string[]).includes(row.language) ? row.language : deps.config.defaultLanguage) as Language;
      const mail = decisionMail(lang, { config: deps.config, reuseId: id, title: row.title, approved: decision.approve, reason });
      // An answer to what they submitted: it reaches them while restricted too; once per reuse.
      await deps.mailer.send({ to: user.email, ...mail, reply: true, idempotencyKey: `reuse:${id}:decision` });
    },

    /** How many reuses wait for a decision (the moderation page and staff's home). */
    pendingCount: async () => (await store.list({ status: 'pending' })).length,

    /** Approved reuses per dataset (the catalog API's `metas.explore.reuse_count`). */
    approvedCounts: (datasetIds: string[]) => store.approvedCounts(datasetIds),
  };
}
