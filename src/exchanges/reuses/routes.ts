// Reuses over HTTP: /reuses (and its twin), /reuses/{id}, its image with safe headers, the submit form (multipart, the
// CSRF field before the image) and the staff moderation list with approve and reject.
import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import type { Account } from '../../accounts/types.ts';
import { drainUnread, readFieldsBeforeFile, receiveFormFile } from '../../backoffice/uploads.ts';
import type { BlobStore } from '../../blobs/index.ts';
import type { Config } from '../../config.ts';
import { DomainError, TooLarge, UnsupportedMediaType } from '../../errors.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { guard } from '../../http/guard.ts';
import { pageRoute } from '../../http/page-route.ts';
import { one as field } from '../../http/params.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { languagePrefix, languages, type Language } from '../../i18n/index.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { datasetReusesSection, reuseFormPage, reuseModerationPage, reusePage, reusesPage, type ReuseFormValues } from '../../web/pages/exchanges/reuses.tsx';
import { reasonText } from '../../web/reasons.ts';
import { maxImageBytes } from './image.ts';
import type { ReuseService } from './service.ts';
import type { Reuse } from './types.ts';

interface ReuseRoutesDeps {
  config: Config;
  reuses: ReuseService;
  /** Where an uploaded image waits (its temp area) until the reuse is stored. */
  blobs: BlobStore;
  contextOf: (request: FastifyRequest) => PageContext;
}

const RejectForm = formBody({ reason: 2000 });

/** A reuse as the twins give it: public names only, never an address or an account id. */
function presentReuse(r: Reuse, baseUrl: string) {
  return {
    id: r.id, title: r.title, description: r.description, url: r.url, type: r.type, status: r.status, author: r.author,
    image: r.hasImage ? `${baseUrl}/reuses/${r.id}/image` : null, datasets: r.datasetIds, created_at: r.createdAt, decided_at: r.decidedAt,
  };
}

/** The section on a dataset's information tab, for the web routes' `datasetSections` hook. */
export function reusesDatasetSection(reuses: ReuseService) {
  return async (ctx: PageContext, datasetId: string): Promise<Html> => datasetReusesSection(ctx, datasetId, await reuses.listApproved({ datasetId }));
}

export async function reuseRoutes(app: FastifyInstance, deps: ReuseRoutesDeps): Promise<void> {
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxImageBytes } });
  app.addHook('onResponse', drainUnread);
  const { config } = deps;
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const say = (ctx: PageContext, error: unknown) => {
    if (error instanceof UnsupportedMediaType) return ctx.t.reuses.imageType;
    if (error instanceof TooLarge) return ctx.t.reuses.imageSize;
    if (!(error instanceof DomainError)) throw error;
    return reasonText(ctx.t.reuses.errors, error.reason) || errorText(ctx, error);
  };

  pageRoute(app, config.defaultLanguage, {
    path: '/reuses',
    load: async (request) => {
      const type = field(request.query as Record<string, string>, 'type') || null;
      return { type, reuses: await deps.reuses.listApproved({ type: type ?? undefined }) };
    },
    render: (request, data) => reusesPage(deps.contextOf(request), data),
    json: (_request, data) => ({ total_count: data.reuses.length, results: data.reuses.map((r) => presentReuse(r, config.baseUrl)) }),
  });

  pageRoute(app, config.defaultLanguage, {
    path: '/reuses/:id',
    load: async (request) => deps.reuses.get(request.params.id, accountOf(request)),
    render: (request, reuse) => reusePage(deps.contextOf(request), reuse),
    json: (_request, reuse) => presentReuse(reuse, config.baseUrl),
  });

  // The image as stored, with the type its bytes were checked to be: never sniffed, never run as a document; revalidated
  // on each use, so an image of a reuse withdrawn or erased is not served from a cache.
  app.get<{ Params: { id: string } }>('/reuses/:id/image', async (request, reply) => {
    const image = await deps.reuses.image(request.params.id, accountOf(request));
    return reply
      .type(image.type)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Content-Disposition', 'inline')
      .header('Cache-Control', 'no-cache')
      .send(createReadStream(image.path));
  });

  pageRoute(app, config.defaultLanguage, {
    path: '/-/reuses/moderation',
    guard: ['dataset.edit'],
    load: async (request) => deps.reuses.listForStaff(accountOf(request)!),
    render: (request, reuses) => reuseModerationPage(deps.contextOf(request), { reuses, done: field(request.query as Record<string, string>, 'done') === '1' }),
    json: (_request, reuses) => ({ total_count: reuses.length, results: reuses.map((r) => presentReuse(r, config.baseUrl)) }),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, config.defaultLanguage);
    const signedIn = (request: FastifyRequest, reply: FastifyReply): Account | null => {
      const account = accountOf(request);
      if (!account || !request.sessionToken) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };

    app.get(`${p}/-/reuses/new`, async (request, reply) => {
      if (!signedIn(request, reply)) return reply;
      return html(reply, reuseFormPage(deps.contextOf(request), { values: { datasets: field(request.query as Record<string, string>, 'dataset') } }));
    });

    app.post(`${p}/-/reuses/new`, { preValidation: readFieldsBeforeFile(maxImageBytes) }, async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const body = (request.body ?? {}) as Record<string, string>;
      const values: ReuseFormValues = { title: field(body, 'title'), description: field(body, 'description'), url: field(body, 'url'), type: field(body, 'type'), datasets: field(body, 'datasets') };
      const ctx = deps.contextOf(request);
      // A form a person cannot see filled in: a robot's. It is answered as a success and nothing is kept.
      if (field(body, 'website')) return html(reply, reuseFormPage(ctx, { values: {}, done: true }));
      let image: { path: string } | null = null;
      try {
        if (request.pendingUpload?.file?.filename) image = await receiveFormFile(request, deps.blobs, maxImageBytes);
        await deps.reuses.submit(account, { title: values.title ?? '', description: values.description ?? '', url: values.url ?? '', type: values.type ?? '', datasetIds: (values.datasets ?? '').split(/[\s,;]+/) }, lang as Language, image);
        image = null;
        return html(reply, reuseFormPage(ctx, { values: {}, done: true }));
      } catch (error) {
        if (image) await deps.blobs.discard(image.path);
        return html(reply, reuseFormPage(ctx, { values, error: say(ctx, error) }), (error as DomainError).status ?? 500);
      }
    });

    for (const action of ['approve', 'reject'] as const) {
      app.post<{ Params: { id: string } }>(`${p}/-/reuses/:id/${action}`, { preHandler: guard('dataset.edit'), ...formSchema(RejectForm) }, async (request, reply) => {
        const ctx = deps.contextOf(request);
        try {
          refuseForm(request);
          const decision = action === 'approve' ? ({ approve: true } as const) : ({ approve: false, reason: field(request.body as Record<string, string>, 'reason') } as const);
          await deps.reuses.decide(accountOf(request)!, request.params.id, decision);
        } catch (error) {
          return html(reply, reuseModerationPage(ctx, { reuses: await deps.reuses.listForStaff(accountOf(request)!), error: say(ctx, error) }), (error as DomainError).status ?? 500);
        }
        return reply.redirect(`${p}/-/reuses/moderation?done=1`, 303);
      });
    }
  }
}
