// Two-step verification over HTTP: the second step of signing in, setting it up, renewing recovery codes, turning it off.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { DomainError, TooMany } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import type { AccountSection } from '../../web/pages/account/overview.tsx';
import { signInPage } from '../../web/pages/account/public.tsx';
import { enrolPage, recoveryCodesPage, secondStepPage, TwoFactorSection, twoFactorSettingsPage } from '../../web/pages/account/two-factor.tsx';
import { qrImageSource } from '../../web/qr.ts';
import { clearSessionCookie, setSessionCookie } from '../auth.ts';
import { needsSecondFactor, type AccountService } from '../service.ts';
import type { TwoFactorService } from './service.ts';
import type { Account } from '../types.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

/** The forms' schemas: a one-time or recovery code (longer is no code at all), and a password. */
const CodeForm = formBody({ code: 100 });
const DisableTwoFactorForm = formBody({ password: 10_000, code: 100 });
import { one as field } from '../../http/params.ts';

interface TwoFactorRoutesDeps {
  config: Config;
  accounts: AccountService;
  twoFactor: TwoFactorService;
  contextOf: (request: FastifyRequest) => PageContext;
}


/** What went wrong, from this section's messages first. */
function say(ctx: PageContext, error: unknown): string {
  return (error instanceof DomainError && reasonText(ctx.t.twoFactor.errors, error.reason)) || errorText(ctx, error);
}

function statusOf(error: unknown): number {
  if (!(error instanceof DomainError)) throw error;
  return error.status;
}

/** The account page's section. */
export function twoFactorSection(twoFactor: TwoFactorService) {
  return async (ctx: PageContext): Promise<AccountSection> => ({
    id: 'two-factor',
    title: ctx.t.twoFactor.title,
    body: TwoFactorSection({ ctx, status: await twoFactor.status(ctx.viewer!.account) }),
  });
}

export async function twoFactorRoutes(app: FastifyInstance, deps: TwoFactorRoutesDeps): Promise<void> {
  const { twoFactor, accounts } = deps;
  const secure = deps.config.baseUrl.startsWith('https:');
  useSchemaValidation(app);
  // no-store: these pages carry a secret or recovery codes.
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);

  async function enrolView(ctx: PageContext, account: Account, action: string, signingIn: boolean, error?: string) {
    const { secret, uri } = await twoFactor.pendingSecret(account);
    return enrolPage(ctx, { secret, qr: await qrImageSource(uri), action, signingIn, error });
  }

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const toSignIn = (reply: FastifyReply) => reply.redirect(`${p}/-/account/login`, 303);

    /** A signed-in session (not an API key: these forms change how the account itself is protected). */
    const sessionAccount = (request: FastifyRequest) => (!request.keyAccount && request.session?.stage === 'complete' ? request.session.account : null);

    /** The sign-in is complete: a new token at the raise in privilege, so one seen before it is worth nothing. */
    async function finish(request: FastifyRequest, reply: FastifyReply): Promise<string> {
      const token = await accounts.rotateSession(request.sessionToken!, 'complete');
      setSessionCookie(reply, token, secure);
      request.sessionToken = token;
      request.session = await accounts.session(token);
      return token;
    }

    app.get(`${p}/-/account/two-factor`, async (request, reply) => {
      const session = request.session;
      if (!session || !request.sessionToken) return toSignIn(reply);
      if (session.stage === 'complete') return reply.redirect(`${p}/-/account`, 303);
      // Turned off in another session meanwhile: the password was all this account needs now.
      if (!needsSecondFactor(session.account)) {
        await finish(request, reply);
        return reply.redirect(`${p}/-/account`, 303);
      }
      const ctx = deps.contextOf(request);
      if (session.account.totpEnabledAt) return html(reply, secondStepPage(ctx));
      return html(reply, await enrolView(ctx, session.account, ctx.link('/-/account/two-factor'), true));
    });

    app.post(`${p}/-/account/two-factor`, formSchema(CodeForm), async (request, reply) => {
      const session = request.session;
      if (!session || !request.sessionToken) return toSignIn(reply);
      if (session.stage === 'complete') return reply.redirect(`${p}/-/account`, 303);
      let recoveryCodes: string[] | null = null;
      if (needsSecondFactor(session.account)) {
        try {
          refuseForm(request);
          ({ recoveryCodes } = await twoFactor.signInStep(session, field(request.body, 'code'), request.ip));
        } catch (error) {
          const code = statusOf(error);
          if (error instanceof TooMany && error.reason === 'too_many_codes') {
            // The session is gone: start again from the password.
            clearSessionCookie(reply, secure);
            request.session = null;
            request.sessionToken = null;
            const ctx = deps.contextOf(request);
            return html(reply, signInPage(ctx, { error: say(ctx, error) }), code);
          }
          const ctx = deps.contextOf(request);
          const page = session.account.totpEnabledAt
            ? secondStepPage(ctx, { error: say(ctx, error) })
            : await enrolView(ctx, session.account, ctx.link('/-/account/two-factor'), true, say(ctx, error));
          return html(reply, page, code);
        }
      }
      await finish(request, reply);
      if (recoveryCodes) return html(reply, recoveryCodesPage(deps.contextOf(request), recoveryCodes));
      return reply.redirect(`${p}/-/account`, 303);
    });

    app.get(`${p}/-/account/two-factor/setup`, async (request, reply) => {
      const account = sessionAccount(request);
      if (!account) return toSignIn(reply);
      if (account.totpEnabledAt) return reply.redirect(`${p}/-/account`, 303);
      const ctx = deps.contextOf(request);
      return html(reply, await enrolView(ctx, account, ctx.link('/-/account/two-factor/setup'), false));
    });

    app.post(`${p}/-/account/two-factor/setup`, formSchema(CodeForm), async (request, reply) => {
      const account = sessionAccount(request);
      if (!account) return toSignIn(reply);
      const ctx = deps.contextOf(request);
      try {
        refuseForm(request);
        return html(reply, recoveryCodesPage(ctx, await twoFactor.enable(account, field(request.body, 'code'))));
      } catch (error) {
        const code = statusOf(error);
        if (account.totpEnabledAt) return html(reply, twoFactorSettingsPage(ctx, await twoFactor.status(account), { error: say(ctx, error) }), code);
        return html(reply, await enrolView(ctx, account, ctx.link('/-/account/two-factor/setup'), false, say(ctx, error)), code);
      }
    });

    app.get(`${p}/-/account/two-factor/settings`, async (request, reply) => {
      const account = sessionAccount(request);
      if (!account) return toSignIn(reply);
      const ctx = deps.contextOf(request);
      const done = field(request.query, 'done') === 'disabled' ? ctx.t.twoFactor.disabled : null;
      return html(reply, twoFactorSettingsPage(ctx, await twoFactor.status(account), { done }));
    });

    app.post(`${p}/-/account/two-factor/recovery-codes`, formSchema(CodeForm), async (request, reply) => {
      const account = sessionAccount(request);
      if (!account) return toSignIn(reply);
      const ctx = deps.contextOf(request);
      try {
        refuseForm(request);
        return html(reply, recoveryCodesPage(ctx, await twoFactor.regenerateRecoveryCodes(account, field(request.body, 'code'), request.ip)));
      } catch (error) {
        const code = statusOf(error);
        return html(reply, twoFactorSettingsPage(ctx, await twoFactor.status(account), { error: say(ctx, error) }), code);
      }
    });

    app.post(`${p}/-/account/two-factor/disable`, formSchema(DisableTwoFactorForm), async (request, reply) => {
      const account = sessionAccount(request);
      if (!account) return toSignIn(reply);
      try {
        refuseForm(request);
        await twoFactor.disable(account, field(request.body, 'password'), field(request.body, 'code'), request.ip);
      } catch (error) {
        const code = statusOf(error);
        const ctx = deps.contextOf(request);
        return html(reply, twoFactorSettingsPage(ctx, await twoFactor.status(account), { error: say(ctx, error) }), code);
      }
      return reply.redirect(`${p}/-/account/two-factor/settings?done=disabled`, 303);
    });
  }
}
