// The account's privacy page over HTTP: prepare and download the access archive, restriction, objection,
// consent withdrawal, and deleting the account after giving the password again.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf, clearSessionCookie } from '../../accounts/auth.ts';
import type { AccountService } from '../../accounts/service.ts';
import type { Config } from '../../config.ts';
import { DomainError, FormFieldInvalid } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { messagePage } from '../../web/pages/account/public.tsx';
import type { AccountSection } from '../../web/pages/account/overview.tsx';
import { privacyAccountSection, privacyPage } from '../../web/pages/account/privacy.tsx';
import type { RightsService } from './service.ts';
import { purposes, type PurposeId } from '../../personal-data/vocabulary.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formProblem, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';
import { one as field } from '../../http/params.ts';

const forms = {
  '/archive': formBody({}, 200),
  '/restriction': formBody({ restricted: 10 }, 200),
  '/objection': formBody({ purpose: 100, objected: 10 }, 200),
  '/consents/withdraw': formBody({ consent_id: 200 }, 200),
  '/delete': formBody({ password: 10_000 }, 200),
};

interface PrivacyRightsRoutesDeps {
  config: Config;
  rights: RightsService;
  /** Deleting the account asks for its password again. */
  accounts: Pick<AccountService, 'confirmPassword'>;
  contextOf: (request: FastifyRequest) => PageContext;
}

/** Art. 21(1): objection applies to processing on a public task. */
const objectable = (Object.keys(purposes) as PurposeId[]).filter((p) => purposes[p].defaultBasis === 'public_task');

const done: Record<string, (ctx: PageContext) => string> = {
  archive: (ctx) => ctx.t.privacyRights.archiveReady,
  restriction: (ctx) => ctx.t.privacyRights.restrictionSaved,
  objection: (ctx) => ctx.t.privacyRights.objectionSaved,
  consent: (ctx) => ctx.t.privacyRights.consentWithdrawn,
};

/** The account page's privacy section, for the `sections` hook of the account routes. */
export function privacyRightsSection(rights: Pick<RightsService, 'privacyFlags'>) {
  return async (ctx: PageContext, request: FastifyRequest): Promise<AccountSection> =>
    privacyAccountSection(ctx, await rights.privacyFlags(accountOf(request)!.id));
}

export async function privacyRightsRoutes(app: FastifyInstance, deps: PrivacyRightsRoutesDeps): Promise<void> {
  const { config, rights } = deps;
  const secure = config.baseUrl.startsWith('https:');
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const page = async (ctx: PageContext, userId: string, notes: { done?: string | null; error?: string | null } = {}) =>
    privacyPage(ctx, { flags: await rights.privacyFlags(userId), consents: await rights.consentsOf(userId), archives: await rights.archivesOf(userId), objectable, ...notes });

  for (const lang of languages) {
    const p = languagePrefix(lang, config.defaultLanguage);
    /** Only a signed-in session: an API key never reaches a person's privacy page. */
    const signedIn = (request: FastifyRequest, reply: FastifyReply) => {
      const account = request.keyAccount ? null : accountOf(request);
      if (!account || !request.sessionToken) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };

    app.get(`${p}/-/account/privacy`, async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const key = field(request.query, 'done');
      return html(reply, await page(ctx, account.id, { done: key && Object.hasOwn(done, key) ? done[key](ctx) : null }));
    });

    /** A form of the page: run, then back with a note; a domain error shows the page with the message and its status. */
    const form = (path: Exclude<keyof typeof forms, '/delete'>, action: (request: FastifyRequest, userId: string) => Promise<string>) =>
      app.post(`${p}/-/account/privacy${path}`, formSchema(forms[path]), async (request, reply) => {
        const account = signedIn(request, reply);
        if (!account) return reply;
        try {
          refuseForm(request);
          return reply.redirect(`${p}/-/account/privacy?done=${await action(request, account.id)}`, 303);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const ctx = deps.contextOf(request);
          const status = error.status;
          const text = error instanceof FormFieldInvalid ? ctx.t.errors.formField(error.field) : reasonText(ctx.t.privacyRights.errors, error.reason) || error.message;
          return html(reply, await page(ctx, account.id, { error: text }), status);
        }
      });

    form('/archive', async (_request, id) => {
      await rights.prepareArchive(id, lang);
      return 'archive';
    });
    form('/restriction', async (request, id) => {
      await rights.setRestriction(id, field(request.body, 'restricted') === 'yes', 'self');
      return 'restriction';
    });
    form('/objection', async (request, id) => {
      await rights.setObjection(id, field(request.body, 'purpose') as PurposeId, field(request.body, 'objected') === 'yes', 'self');
      return 'objection';
    });
    form('/consents/withdraw', async (request, id) => {
      await rights.withdrawConsent(id, field(request.body, 'consent_id'));
      return 'consent';
    });

    app.get<{ Params: { file: string } }>(`${p}/-/account/privacy/archive/:file`, async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const match = /^(.+)\.(json|html)$/.exec(request.params.file);
      const found = match ? await rights.openArchive(account.id, match[1], match[2] as 'json' | 'html') : { kind: 'unknown' as const };
      if (found.kind === 'gone') return html(reply, messagePage(ctx, ctx.t.privacyRights.downloadTitle, ctx.t.privacyRights.archiveGone, { href: ctx.link('/-/account/privacy'), label: ctx.t.privacyRights.title }), 410);
      if (found.kind === 'unknown') return html(reply, messagePage(ctx, ctx.t.privacyRights.downloadTitle, ctx.t.errors.notFoundTitle), 404);
      const json = match![2] === 'json';
      return reply
        .header('Cache-Control', 'no-store')
        .type(json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8')
        .header('Content-Disposition', `${json ? 'attachment' : 'inline'}; filename="${config.portalName.replace(/[^A-Za-z0-9_-]/g, '')}-my-data.${match![2]}"`)
        .send(readFileSync(found.path));
    });

    app.post(`${p}/-/account/privacy/delete`, formSchema(forms['/delete']), async (request, reply) => {
      const account = signedIn(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const refused = formProblem(request);
      if (refused) return html(reply, await page(ctx, account.id, { error: ctx.t.errors.formField(refused.field) }), 400);
      try {
        await deps.accounts.confirmPassword(account.id, field(request.body, 'password'), request.ip);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const tooMany = error.reason === 'too_many_attempts';
        const message = tooMany ? ctx.t.account.errors.too_many_attempts : ctx.t.privacyRights.errors.wrong_password;
        return html(reply, await page(ctx, account.id, { error: message }), tooMany ? 429 : 400);
      }
      try {
        await rights.eraseAccount(account.id, { by: 'self' });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return html(reply, await page(ctx, account.id, { error: reasonText(ctx.t.privacyRights.errors, error.reason) || error.message }), error.status);
      }
      clearSessionCookie(reply, secure);
      const t = ctx.t.privacyRights;
      return html(reply, messagePage({ ...ctx, viewer: null, csrf: null }, t.deleted, t.deletedText, { href: ctx.link('/'), label: ctx.config.portalName }));
    });
  }
}
