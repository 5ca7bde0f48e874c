// API keys on the account page over HTTP: the section, making a key (shown once in the answer) and revoking one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { DomainError } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { apiKeyCreatedPage, apiKeyProblemPage, apiKeysSection } from '../../web/pages/account/api-keys.tsx';
import type { AccountSection } from '../../web/pages/account/overview.tsx';
import { defaultKeyDays, type ApiKeyService } from './service.ts';
import { accountOf } from '../auth.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

/** The forms' schemas: each field a string of bounded length, past the limits service.ts explains itself. */
const NewApiKeyForm = formBody({ key_name: 1000, days: 20 });
const RevokeApiKeyForm = formBody({ key_id: 200 });
import { one as field } from '../../http/params.ts';

interface ApiKeyRoutesDeps {
  config: Pick<Config, 'apiKeyMaxDays' | 'defaultLanguage'>;
  apiKeys: ApiKeyService;
  contextOf: (request: FastifyRequest) => PageContext;
}


/** The account page's API keys section, for the `sections` hook of the account routes. */
export function apiKeysAccountSection(deps: ApiKeyRoutesDeps) {
  return async (ctx: PageContext, request: FastifyRequest): Promise<AccountSection> => {
    const account = accountOf(request)!;
    return apiKeysSection(ctx, {
      keys: await deps.apiKeys.listKeysOf(account.id),
      maxDays: deps.config.apiKeyMaxDays,
      days: Math.min(defaultKeyDays, deps.config.apiKeyMaxDays),
      revoked: field(request.query, 'done') === 'key_revoked',
    });
  };
}

export async function apiKeyRoutes(app: FastifyInstance, deps: ApiKeyRoutesDeps): Promise<void> {
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const days = Math.min(defaultKeyDays, deps.config.apiKeyMaxDays);
  useSchemaValidation(app);
  const problem = (ctx: PageContext, reply: FastifyReply, error: unknown, values?: { name?: string; days?: string }) => {
    if (!(error instanceof DomainError)) throw error;
    const status = error.status;
    const text = reasonText(ctx.t.apiKeys.errors, error.reason) || errorText(ctx, error);
    return html(reply, apiKeyProblemPage(ctx, { error: text, maxDays: deps.config.apiKeyMaxDays, days, values }), status);
  };

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    /** Only a signed-in session manages keys: a key never reaches these pages (see `presentedKey`). */
    const signedIn = (request: FastifyRequest, reply: FastifyReply) => {
      const account = accountOf(request);
      if (!account || !request.sessionToken) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };

    app.post(`${p}/-/account/api-keys`, formSchema(NewApiKeyForm), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const values = { name: field(request.body, 'key_name'), days: field(request.body, 'days') };
      try {
        refuseForm(request);
        const created = await deps.apiKeys.create(account.id, { name: values.name, days: values.days });
        return html(reply, apiKeyCreatedPage(ctx, created));
      } catch (error) {
        return problem(ctx, reply, error, values);
      }
    });

    app.post(`${p}/-/account/api-keys/revoke`, formSchema(RevokeApiKeyForm), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      try {
        refuseForm(request);
        await deps.apiKeys.revoke(account.id, field(request.body, 'key_id'));
      } catch (error) {
        return problem(deps.contextOf(request), reply, error);
      }
      return reply.redirect(`${p}/-/account?done=key_revoked#api-keys`, 303);
    });
  }
}
