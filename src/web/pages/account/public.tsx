// Account pages before signing in: register, check your mail, verify, sign in, forgotten and new password.
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

interface FormState {
  error?: string | null;
  done?: string | null;
  values?: Record<string, string>;
}

export function registerPage(ctx: PageContext, state: FormState = {}): Html {
  const t = ctx.t.account;
  const v = state.values ?? {};
  return (
    <Layout ctx={ctx} page={{ title: t.register, noindex: true }}>
      <h1>{t.register}</h1>
      <p>{t.registerIntro}</p>
      <ErrorSummary ctx={ctx} error={state.error} />
      <PostForm ctx={ctx} action={ctx.link('/-/account/register')}>
        <Input name="first_name" label={t.firstName} value={v.first_name} required autocomplete="given-name" maxlength={100} />
        <Input name="last_name" label={t.lastName} value={v.last_name} required autocomplete="family-name" maxlength={100} />
        <Input name="email" label={t.email} type="email" value={v.email} required autocomplete="email" maxlength={320} />
        <Input name="password" label={t.password} type="password" hint={t.passwordHint} required autocomplete="new-password" />
        <div class="check">
          <input type="checkbox" id="accept" name="accept" value="yes" required />
          <label for="accept">
            {t.accept} (<a href={ctx.link('/-/privacy')}>{t.privacyStatement}</a>)
          </label>
        </div>
        <button type="submit">{t.register}</button>
      </PostForm>
      <p>
        <a href={ctx.link('/-/account/login')}>{t.signIn}</a>
      </p>
    </Layout>
  );
}

export function messagePage(ctx: PageContext, title: string, message: string, next?: { href: string; label: string }): Html {
  return (
    <Layout ctx={ctx} page={{ title, noindex: true }}>
      <h1>{title}</h1>
      <p role="status">{message}</p>
      {next && (
        <p>
          <a href={next.href}>{next.label}</a>
        </p>
      )}
    </Layout>
  );
}

/** The link only shows a button: following it does nothing until the person confirms (mail scanners open links). */
export function confirmPage(ctx: PageContext, title: string, text: string, action: string, button: string): Html {
  return (
    <Layout ctx={ctx} page={{ title, noindex: true }}>
      <h1>{title}</h1>
      <p>{text}</p>
      <PostForm ctx={ctx} action={action}>
        <button type="submit">{button}</button>
      </PostForm>
    </Layout>
  );
}

export function signInPage(ctx: PageContext, state: FormState = {}): Html {
  const t = ctx.t.account;
  return (
    <Layout ctx={ctx} page={{ title: t.signInTitle, noindex: true }}>
      <h1>{t.signInTitle}</h1>
      <Done message={state.done} />
      <ErrorSummary ctx={ctx} error={state.error} />
      <PostForm ctx={ctx} action={ctx.link('/-/account/login')}>
        {state.values?.back && <input type="hidden" name="back" value={state.values.back} />}
        <Input name="email" label={t.email} type="email" value={state.values?.email} required autocomplete="username" />
        <Input name="password" label={t.password} type="password" required autocomplete="current-password" />
        <button type="submit">{t.signIn}</button>
      </PostForm>
      <p>
        <a href={ctx.link('/-/account/reset')}>{t.forgot}</a>
      </p>
      <p>
        {t.noAccount} <a href={ctx.link('/-/account/register')}>{t.register}</a>
      </p>
    </Layout>
  );
}

export function resetRequestPage(ctx: PageContext, state: FormState = {}): Html {
  const t = ctx.t.account;
  return (
    <Layout ctx={ctx} page={{ title: t.resetTitle, noindex: true }}>
      <h1>{t.resetTitle}</h1>
      <Done message={state.done} />
      <ErrorSummary ctx={ctx} error={state.error} />
      <p>{t.resetIntro}</p>
      <PostForm ctx={ctx} action={ctx.link('/-/account/reset')}>
        <Input name="email" label={t.email} type="email" required autocomplete="email" />
        <button type="submit">{t.resetSend}</button>
      </PostForm>
    </Layout>
  );
}

export function newPasswordPage(ctx: PageContext, action: string, state: FormState = {}, title = ctx.t.account.resetTitle): Html {
  const t = ctx.t.account;
  return (
    <Layout ctx={ctx} page={{ title, noindex: true }}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} error={state.error} />
      <PostForm ctx={ctx} action={action}>
        <Input name="password" label={t.newPassword} type="password" hint={t.passwordHint} required autocomplete="new-password" />
        <button type="submit">{t.save}</button>
      </PostForm>
    </Layout>
  );
}
