// Account pages over HTTP: register, verify, sign in and out, reset, and the account page's own forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { DomainError, Invalid } from '../errors.ts';
import type { PageContext } from '../web/context.ts';
import { errorText } from '../web/forms.tsx';
import { languagePrefix, languages } from '../i18n/index.ts';
import type { Html } from '../html/jsx-runtime.ts';
import { accountPage, type AccountSection } from '../web/pages/account/overview.tsx';
import { confirmPage, messagePage, newPasswordPage, registerPage, resetRequestPage, signInPage } from '../web/pages/account/public.tsx';
import { accountOf, clearSessionCookie, setSessionCookie } from './auth.ts';
import type { AccountService } from './service.ts';
import { formBody, formSchema, refuseForm } from '../http/forms.ts';
import { useSchemaValidation } from '../http/validation.ts';
import { one as field } from '../http/params.ts';

interface AccountRoutesDeps {
  config: Config;
  accounts: AccountService;
  contextOf: (request: FastifyRequest) => PageContext;
  /** Sections other modules add to the account page (two-factor, API keys); null leaves a section out for this person. */
  sections: ((ctx: PageContext, request: FastifyRequest) => Promise<AccountSection | null>)[];
}

// The forms' schemas: each field a string of bounded length, past the limits service.ts explains in its own words.
const name = 1000;
const email = 1000;
const password = 10_000;
const RegisterForm = formBody({ first_name: name, last_name: name, email, password, accept: 10 });
const SignInForm = formBody({ email, password });
const ResetRequestForm = formBody({ email });
const NewPasswordForm = formBody({ password });
const ProfileForm = formBody({ first_name: name, last_name: name, display_name: name });
const EmailForm = formBody({ email, password });
const PasswordForm = formBody({ current: password, password });


const done: Record<string, (ctx: PageContext) => string> = {
  saved: (ctx) => ctx.t.account.saved,
  email: (ctx) => ctx.t.account.emailChangeSent,
  emailChanged: (ctx) => ctx.t.account.emailChanged(ctx.viewer?.account.email ?? ''),
  password: (ctx) => ctx.t.account.passwordChanged,
  sessions: (ctx) => ctx.t.account.signedOutEverywhere,
};

/** A path on this portal to return to after signing in, or '' (never another host: `//host` and `/\\host` are refused). */
function localBack(value: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : '';
}

export async function accountRoutes(app: FastifyInstance, deps: AccountRoutesDeps): Promise<void> {
  const secure = deps.config.baseUrl.startsWith('https:');
  useSchemaValidation(app);
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  /** A domain error on a form: the form again with the message, status from the error. */
  const status = (error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return { forbidden: 403, too_many: 429, conflict: 409, not_found: 404 }[error.code as string] ?? 400;
  };

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    // The account's own pages take a signed-in session, never an API key: a leaked key must not change a password.
    const requireAccount = (request: FastifyRequest, reply: FastifyReply) => {
      const account = request.keyAccount ? null : accountOf(request);
      if (!account) {
        void reply.redirect(`${p}/-/account/login`, 303);
        return null;
      }
      return account;
    };

    app.get(`${p}/-/account/register`, async (request, reply) => html(reply, registerPage(deps.contextOf(request))));
    app.post(`${p}/-/account/register`, formSchema(RegisterForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const values = { first_name: field(request.body, 'first_name'), last_name: field(request.body, 'last_name'), email: field(request.body, 'email') };
      try {
        refuseForm(request);
        await deps.accounts.register({
          firstName: values.first_name, lastName: values.last_name, email: values.email, password: field(request.body, 'password'),
          acceptsStatement: field(request.body, 'accept') === 'yes', lang, address: request.ip,
        });
      } catch (error) {
        return html(reply, registerPage(ctx, { error: errorText(ctx, error), values }), status(error));
      }
      return html(reply, messagePage(ctx, ctx.t.account.registered, ctx.t.account.registeredText(values.email.trim())));
    });

    app.get<{ Params: { token: string } }>(`${p}/-/account/verify/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      if (!(await deps.accounts.linkIsValid(request.params.token, 'verify_email'))) return html(reply, messagePage(ctx, ctx.t.account.verifyTitle, ctx.t.account.linkInvalid), 400);
      return html(reply, confirmPage(ctx, ctx.t.account.verifyTitle, ctx.t.account.verifyText, ctx.link(`/-/account/verify/${request.params.token}`), ctx.t.account.verifyButton));
    });
    app.post<{ Params: { token: string } }>(`${p}/-/account/verify/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      try {
        await deps.accounts.verifyEmail(request.params.token);
      } catch (error) {
        return html(reply, messagePage(ctx, ctx.t.account.verifyTitle, errorText(ctx, error)), status(error));
      }
      return html(reply, messagePage(ctx, ctx.t.account.verifyTitle, ctx.t.account.verified, { href: ctx.link('/-/account/login'), label: ctx.t.account.signIn }));
    });

    // `back`: the page that sent the person to sign in (a dataset's follow link), where they land after it.
    app.get(`${p}/-/account/login`, async (request, reply) => html(reply, signInPage(deps.contextOf(request), { values: { back: localBack(field(request.query, 'back')) } })));
    app.post(`${p}/-/account/login`, formSchema(SignInForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const email = field(request.body, 'email');
      const back = localBack(field(request.body, 'back'));
      try {
        refuseForm(request);
        const result = await deps.accounts.signIn({ email, password: field(request.body, 'password'), address: request.ip });
        // A new token at every sign-in: a token planted before (session fixation) is worth nothing.
        if (request.sessionToken) await deps.accounts.signOut(request.sessionToken);
        setSessionCookie(reply, result.token, secure);
        return reply.redirect(result.stage === 'complete' ? back || `${p}/-/account` : `${p}/-/account/two-factor`, 303);
      } catch (error) {
        return html(reply, signInPage(ctx, { error: errorText(ctx, error), values: { email, back } }), status(error));
      }
    });

    app.post(`${p}/-/account/logout`, async (request, reply) => {
      if (request.sessionToken) await deps.accounts.signOut(request.sessionToken);
      clearSessionCookie(reply, secure);
      return reply.redirect(p || '/', 303);
    });

    app.get(`${p}/-/account/reset`, async (request, reply) => html(reply, resetRequestPage(deps.contextOf(request))));
    app.post(`${p}/-/account/reset`, formSchema(ResetRequestForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      try {
        refuseForm(request);
        await deps.accounts.requestPasswordReset(field(request.body, 'email'), lang, request.ip);
      } catch (error) {
        return html(reply, resetRequestPage(ctx, { error: errorText(ctx, error) }), status(error));
      }
      return html(reply, resetRequestPage(ctx, { done: ctx.t.account.resetSent }));
    });

    const purposeOf = (request: FastifyRequest) => (field(request.query, 'purpose') === 'set_password' ? 'set_password' : 'reset_password');
    app.get<{ Params: { token: string } }>(`${p}/-/account/reset/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const purpose = purposeOf(request);
      const title = purpose === 'set_password' ? ctx.t.account.setPassword : ctx.t.account.resetTitle;
      if (!(await deps.accounts.linkIsValid(request.params.token, purpose))) return html(reply, messagePage(ctx, title, ctx.t.account.linkInvalid, { href: ctx.link('/-/account/reset'), label: ctx.t.account.forgot }), 400);
      return html(reply, newPasswordPage(ctx, ctx.link(`/-/account/reset/${request.params.token}`) + (purpose === 'set_password' ? '?purpose=set_password' : ''), {}, title));
    });
    app.post<{ Params: { token: string } }>(`${p}/-/account/reset/:token`, formSchema(NewPasswordForm), async (request, reply) => {
      const ctx = deps.contextOf(request);
      const purpose = purposeOf(request);
      try {
        refuseForm(request);
        await deps.accounts.resetPassword(request.params.token, field(request.body, 'password'), purpose);
      } catch (error) {
        const linkDead = error instanceof Invalid && error.reason === 'link_invalid';
        const page = linkDead
          ? messagePage(ctx, ctx.t.account.resetTitle, errorText(ctx, error))
          : newPasswordPage(ctx, ctx.link(`/-/account/reset/${request.params.token}`) + (purpose === 'set_password' ? '?purpose=set_password' : ''), { error: errorText(ctx, error) });
        return html(reply, page, status(error));
      }
      if (request.sessionToken) clearSessionCookie(reply, secure);
      return html(reply, signInPage(ctx, { done: ctx.t.account.passwordSet }));
    });

    app.get(`${p}/-/account`, async (request, reply) => {
      const account = requireAccount(request, reply);
      if (!account) return reply;
      const ctx = deps.contextOf(request);
      const key = field(request.query, 'done');
      // The address just asked for, named back (it is the person's own typing; only something shaped like an address).
      const to = field(request.query, 'to');
      const named = key === 'email' && /^[^\s@<>]{1,200}@[^\s@<>]{1,200}$/.test(to) ? ctx.t.account.emailChangeSentTo(to) : null;
      return html(
        reply,
        accountPage(ctx, {
          sessions: await deps.accounts.listSessions(account.id, request.sessionToken),
          sections: (await Promise.all(deps.sections.map((s) => s(ctx, request)))).filter((s) => s !== null),
          done: named ?? (key && Object.hasOwn(done, key) ? done[key](ctx) : null),
        }),
      );
    });

    /** The account page's forms: run, then back to the page with a note, or the page with the error. */
    const accountForm = (path: string, action: (request: FastifyRequest, accountId: string) => Promise<string>, body?: object) =>
      app.post(`${p}/-/account${path}`, body ? formSchema(body) : {}, async (request, reply) => {
        const account = requireAccount(request, reply);
        if (!account) return reply;
        try {
          refuseForm(request);
          const note = await action(request, account.id);
          return reply.redirect(`${p}/-/account?done=${note}`, 303);
        } catch (error) {
          const code = status(error);
          const ctx = deps.contextOf(request);
          const page = accountPage(ctx, {
            sessions: await deps.accounts.listSessions(account.id, request.sessionToken),
            sections: (await Promise.all(deps.sections.map((s) => s(ctx, request)))).filter((s) => s !== null),
            error: errorText(ctx, error),
          });
          return html(reply, page, code);
        }
      });

    accountForm('/profile', async (request, id) => {
      await deps.accounts.updateProfile(id, { firstName: field(request.body, 'first_name'), lastName: field(request.body, 'last_name'), displayName: field(request.body, 'display_name') });
      return 'saved';
    }, ProfileForm);
    accountForm('/email', async (request, id) => {
      const email = await deps.accounts.requestEmailChange(id, field(request.body, 'email'), field(request.body, 'password'), lang, request.ip);
      // Query strings stay out of the log (app.ts), and the address is the person's own.
      return `email&to=${encodeURIComponent(email)}`;
    }, EmailForm);
    accountForm('/password', async (request, id) => {
      await deps.accounts.changePassword(id, field(request.body, 'current'), field(request.body, 'password'), request.sessionToken!, request.ip);
      return 'password';
    }, PasswordForm);
    accountForm('/sessions/end', async (request, id) => {
      await deps.accounts.signOutEverywhere(id, request.sessionToken ?? undefined);
      return 'sessions';
    });

    app.get<{ Params: { token: string } }>(`${p}/-/account/email/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const email = await deps.accounts.pendingEmail(request.params.token);
      if (!email) return html(reply, messagePage(ctx, ctx.t.account.changeEmail, ctx.t.account.linkInvalid), 400);
      return html(reply, confirmPage(ctx, ctx.t.account.changeEmail, ctx.t.account.emailChangeConfirm(email), ctx.link(`/-/account/email/${request.params.token}`), ctx.t.account.verifyButton));
    });
    app.post<{ Params: { token: string } }>(`${p}/-/account/email/:token`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      let account;
      try {
        account = await deps.accounts.confirmEmailChange(request.params.token, lang);
      } catch (error) {
        return html(reply, messagePage(ctx, ctx.t.account.changeEmail, errorText(ctx, error)), status(error));
      }
      // The page names the address now in use, as the confirmation before it did.
      return html(reply, messagePage(ctx, ctx.t.account.changeEmail, ctx.t.account.emailChanged(account.email), { href: ctx.link('/-/account'), label: ctx.t.account.myAccount }));
    });
  }
}
