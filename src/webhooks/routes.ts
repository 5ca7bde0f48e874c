// Webhooks over HTTP: the JSON API under /api/opaal/v1/webhooks (an API key, or a signed-in session with its CSRF
// token) and the account page /-/account/webhooks in every language.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { accountOf } from '../accounts/auth.ts';
import type { Account } from '../accounts/types.ts';
import type { Config } from '../config.ts';
import { DomainError } from '../errors.ts';
import { formBody, formSchema, refuseForm, requireConfirmed } from '../http/forms.ts';
import { one as field } from '../http/params.ts';
import { refuseInvalid, useSchemaValidation } from '../http/validation.ts';
import type { Html } from '../html/jsx-runtime.ts';
import { languagePrefix, languages } from '../i18n/index.ts';
import type { PageContext } from '../web/context.ts';
import { errorText } from '../web/forms.tsx';
import type { AccountSection } from '../web/pages/account/overview.tsx';
import { webhookCreatedPage, webhooksApiPath, webhooksPage, webhooksSection } from '../web/pages/account/webhooks.tsx';
import { reasonText } from '../web/reasons.ts';
import type { WebhookService } from './service.ts';
import type { DeliveryInfo, WebhookInfo } from './types.ts';

const NewWebhookBody = Type.Object(
  {
    url: Type.String({ maxLength: 2000, description: 'Where the events are POSTed: an http:// or https:// URL.' }),
    dataset_id: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'The dataset whose events to send; left out or null for every dataset you may see.' })),
    language: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')], { description: 'The language of the mail you get if the webhook is disabled.' })),
  },
  { title: 'webhook', additionalProperties: false },
);
const WebhookParams = Type.Object({ id: Type.String({ maxLength: 100, description: 'The webhook id, e.g. wh_….' }) });

const NewWebhookForm = formBody({ url: 2000, dataset_id: 100 });
const WebhookForm = formBody({ webhook_id: 100 });

function presentDelivery(d: DeliveryInfo) {
  return {
    id: d.id, event_id: d.eventId, event_type: d.eventType, dataset_id: d.datasetId, status: d.status, attempts: d.attempts,
    created_at: d.createdAt, delivered_at: d.deliveredAt, next_attempt_at: d.nextAttemptAt, last_status_code: d.lastStatusCode, last_error: d.lastError,
  };
}

function presentWebhook(w: WebhookInfo) {
  return {
    id: w.id, url: w.url, dataset_id: w.datasetId, state: w.state, created_at: w.createdAt, disabled_at: w.disabledAt, disabled_reason: w.disabledReason,
    failing_attempts: w.failingAttempts, last_delivered_at: w.lastDeliveredAt, deliveries: w.deliveries.map(presentDelivery),
  };
}

interface WebhookRoutesDeps {
  config: Pick<Config, 'defaultLanguage'>;
  webhooks: WebhookService;
  contextOf: (request: FastifyRequest) => PageContext;
}

/** The account page's section, for the `sections` hook of the account routes. */
export function webhooksAccountSection(webhooks: WebhookService) {
  return async (ctx: PageContext): Promise<AccountSection> => webhooksSection(ctx, { count: (await webhooks.listOf(ctx.viewer!.account.id)).length });
}

/** The JSON API, registered under the publishing API's prefix (/api/opaal/v1): every route answers only an API key's owner or a signed-in session. */
export async function webhookApi(plugin: FastifyInstance, deps: WebhookRoutesDeps): Promise<void> {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  useSchemaValidation(app);
  // Who asks first (after the root's CSRF check), then the schema: nobody learns what a body should hold.
  async function signedIn(request: FastifyRequest, reply: FastifyReply) {
    if (accountOf(request)) return;
    return reply.status(401).header('WWW-Authenticate', 'Apikey').send({ error: 'unauthorized', message: 'Send your API key: Authorization: Apikey <key>.' });
  }
  const guarded = { attachValidation: true, preHandler: [signedIn, refuseInvalid] };
  const owner = (request: FastifyRequest): Account => accountOf(request)!;
  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');
  const mine = (request: FastifyRequest, id: string) => deps.webhooks.getOf(owner(request).id, id);

  app.get('/webhooks', { schema: { summary: 'Your webhooks with their recent deliveries' }, ...guarded }, async (request, reply) => {
    const results = (await deps.webhooks.listOf(owner(request).id)).map(presentWebhook);
    noStore(reply);
    return { total_count: results.length, results };
  });

  app.post('/webhooks', { schema: { summary: 'Registers a webhook; the answer holds its signing secret, shown this once', body: NewWebhookBody }, ...guarded }, async (request, reply) => {
    const { url, dataset_id: datasetId, language } = request.body;
    const { secret, webhook } = await deps.webhooks.create(owner(request), { url, datasetId, language: language ?? deps.config.defaultLanguage });
    return noStore(reply).status(201).header('Location', `${webhooksApiPath}/${webhook.id}`).send({ ...presentWebhook(webhook), secret });
  });

  app.get('/webhooks/:id', { schema: { summary: 'One of your webhooks', params: WebhookParams }, ...guarded }, async (request, reply) => {
    noStore(reply);
    return presentWebhook(await mine(request, request.params.id));
  });

  app.delete('/webhooks/:id', { schema: { summary: 'Deletes a webhook and its deliveries', params: WebhookParams }, ...guarded }, async (request, reply) => {
    await deps.webhooks.remove(owner(request).id, request.params.id);
    return reply.status(204).send();
  });

  app.post('/webhooks/:id/enable', { schema: { summary: 'Enables a disabled webhook again', params: WebhookParams }, ...guarded }, async (request, reply) => {
    await deps.webhooks.enable(owner(request).id, request.params.id);
    noStore(reply);
    return presentWebhook(await mine(request, request.params.id));
  });
}

/** The account page and its forms, in every language; a signed-in session only (a key never reaches pages). */
export async function webhookPages(app: FastifyInstance, deps: WebhookRoutesDeps): Promise<void> {
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const say = (ctx: PageContext, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return reasonText(ctx.t.webhooks.errors, error.reason) || errorText(ctx, error);
  };

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const signedIn = (request: FastifyRequest, reply: FastifyReply) => {
      const account = accountOf(request);
      if (!account || !request.sessionToken) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };
    const page = async (request: FastifyRequest, reply: FastifyReply, account: Account, extra: { error?: string; values?: { url?: string; datasetId?: string }; status?: number } = {}) => {
      const ctx = deps.contextOf(request);
      const done = field(request.query, 'done');
      const message = done === 'removed' ? ctx.t.webhooks.removed : done === 'enabled' ? ctx.t.webhooks.enabled : null;
      return html(reply, webhooksPage(ctx, { webhooks: await deps.webhooks.listOf(account.id), done: extra.error ? null : message, error: extra.error, values: extra.values }), extra.status);
    };

    app.get(`${p}/-/account/webhooks`, async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      return page(request, reply, account);
    });

    app.post(`${p}/-/account/webhooks`, formSchema(NewWebhookForm), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const values = { url: field(request.body, 'url'), datasetId: field(request.body, 'dataset_id') };
      try {
        refuseForm(request);
        const created = await deps.webhooks.create(account, { url: values.url, datasetId: values.datasetId || null, language: lang });
        return html(reply, webhookCreatedPage(deps.contextOf(request), created));
      } catch (error) {
        return page(request, reply, account, { error: say(deps.contextOf(request), error), values, status: (error as DomainError).status });
      }
    });

    for (const [action, done] of [['delete', 'removed'], ['enable', 'enabled']] as const) {
      app.post(`${p}/-/account/webhooks/${action}`, formSchema(WebhookForm), async (request, reply) => {
        const account = signedIn(request, reply);
        if (!account) return reply;
        try {
          refuseForm(request);
          if (action === 'delete') {
            requireConfirmed(request.body);
            await deps.webhooks.remove(account.id, field(request.body, 'webhook_id'));
          } else await deps.webhooks.enable(account.id, field(request.body, 'webhook_id'));
        } catch (error) {
          return page(request, reply, account, { error: say(deps.contextOf(request), error), status: (error as DomainError).status });
        }
        return reply.redirect(`${p}/-/account/webhooks?done=${done}`, 303);
      });
    }
  }
}
