// Two-step verification pages: the account page's section, setting it up, the second step of signing in, recovery codes.
import type { TwoFactorStatus } from '../../../accounts/two-factor/service.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import { formatDate, plural } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

function CodeInput(props: { ctx: PageContext; appOnly?: boolean }): Html {
  const t = props.ctx.t.twoFactor;
  return <Input name="code" label={t.code} hint={props.appOnly ? t.appCodeHint : t.codeHint} required autocomplete="one-time-code" maxlength={20} inputmode={props.appOnly ? 'numeric' : undefined} />;
}

/** Signing out from a sign-in that is not finished: the way back for someone without their phone or codes. */
function CancelForm(props: { ctx: PageContext }): Html {
  return (
    <PostForm ctx={props.ctx} action={props.ctx.link('/-/account/logout')}>
      <button type="submit" class="secondary">{props.ctx.t.twoFactor.cancel}</button>
    </PostForm>
  );
}

/** What the account page shows: how to turn it on, or its state with the forms to renew codes and (for users) turn it off. */
export function TwoFactorSection(props: { ctx: PageContext; status: TwoFactorStatus }): Html {
  const { ctx, status } = props;
  const t = ctx.t.twoFactor;
  if (!status.enabled) {
    return (
      <>
        <p>{t.offText}</p>
        {status.required && <p>{t.required}</p>}
        <p>
          <a href={ctx.link('/-/account/two-factor/setup')} class="button">{t.setUp}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <p>{t.onSince(formatDate(ctx.lang, status.enabledAt, ctx.config.timezone))}</p>
      <p>
        {plural(ctx.lang, status.recoveryCodesLeft, t.codesLeft)} {status.recoveryCodesLeft <= 3 && t.codesLow}
      </p>
      <h3>{t.regenerate}</h3>
      <PostForm ctx={ctx} action={ctx.link('/-/account/two-factor/recovery-codes')}>
        <p class="hint">{t.regenerateHint}</p>
        <CodeInput ctx={ctx} />
        <button type="submit">{t.regenerate}</button>
      </PostForm>
      {status.required ? (
        <p>{t.required}</p>
      ) : (
        <>
          <h3>{t.disable}</h3>
          <PostForm ctx={ctx} action={ctx.link('/-/account/two-factor/disable')}>
            <Input name="password" label={ctx.t.account.currentPassword} type="password" required autocomplete="current-password" />
            <Input name="code" label={t.code} hint={t.codeHint} required autocomplete="one-time-code" maxlength={20} />
            <button type="submit" class="secondary">{t.disable}</button>
          </PostForm>
        </>
      )}
    </>
  );
}

/** The section on a page of its own, where a form of it comes back with an error. */
export function twoFactorSettingsPage(ctx: PageContext, status: TwoFactorStatus, state: { error?: string | null; done?: string | null }): Html {
  return (
    <Layout ctx={ctx} page={{ title: ctx.t.twoFactor.title, noindex: true }}>
      <h1>{ctx.t.twoFactor.title}</h1>
      <Done message={state.done} />
      <ErrorSummary ctx={ctx} error={state.error} />
      <TwoFactorSection ctx={ctx} status={status} />
      <p>
        <a href={ctx.link('/-/account')}>{ctx.t.account.myAccount}</a>
      </p>
    </Layout>
  );
}

/** The QR code and the key in text, and the code that confirms the app has it; `signingIn` for staff before their session is complete. */
export function enrolPage(ctx: PageContext, data: { secret: string; qr: string; action: string; signingIn: boolean; error?: string | null }): Html {
  const t = ctx.t.twoFactor;
  return (
    <Layout ctx={ctx} page={{ title: t.enrolTitle, noindex: true }}>
      <h1>{t.enrolTitle}</h1>
      {data.signingIn && <p>{t.staffIntro}</p>}
      <ErrorSummary ctx={ctx} error={data.error} />
      <p>{t.enrolIntro}</p>
      <p>{t.scan}</p>
      <img class="qr" src={data.qr} alt={t.qrAlt} width="192" height="192" />
      <p>{t.manual}</p>
      <p>
        <code class="secret-key">{data.secret.match(/.{1,4}/g)!.join(' ')}</code>
      </p>
      <p>{t.confirmStep}</p>
      <PostForm ctx={ctx} action={data.action}>
        <CodeInput ctx={ctx} appOnly />
        <button type="submit">{t.confirm}</button>
      </PostForm>
      {data.signingIn && <CancelForm ctx={ctx} />}
    </Layout>
  );
}

export function secondStepPage(ctx: PageContext, state: { error?: string | null } = {}): Html {
  const t = ctx.t.twoFactor;
  return (
    <Layout ctx={ctx} page={{ title: t.stepTitle, noindex: true }}>
      <h1>{t.stepTitle}</h1>
      <ErrorSummary ctx={ctx} error={state.error} />
      <p>{t.stepIntro}</p>
      <PostForm ctx={ctx} action={ctx.link('/-/account/two-factor')}>
        <CodeInput ctx={ctx} />
        <button type="submit">{t.verify}</button>
      </PostForm>
      <CancelForm ctx={ctx} />
    </Layout>
  );
}

/** The recovery codes, shown this once. */
export function recoveryCodesPage(ctx: PageContext, codes: string[]): Html {
  const t = ctx.t.twoFactor;
  return (
    <Layout ctx={ctx} page={{ title: t.codesTitle, noindex: true }}>
      <h1>{t.codesTitle}</h1>
      <p>{t.codesIntro}</p>
      <p>
        <strong>{t.codesOnce}</strong>
      </p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a href={ctx.link('/-/account')} class="button">{t.continue}</a>
      </p>
    </Layout>
  );
}
