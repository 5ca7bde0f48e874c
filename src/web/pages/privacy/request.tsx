// The request form for anyone, the code check for visitors without an account, and the registered page.
import { caseTypes } from '../../../privacy/cases/types.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

interface RequestState {
  error?: string | null;
  values?: { type?: string; message?: string; email?: string };
}

export function requestPage(ctx: PageContext, state: RequestState = {}): Html {
  const t = ctx.t.privacyCases;
  const v = state.values ?? {};
  const account = ctx.viewer?.account ?? null;
  return (
    <Layout ctx={ctx} page={{ title: t.requestTitle, noindex: true }}>
      <h1>{t.requestTitle}</h1>
      <p>{t.requestIntro}</p>
      <p>{account ? t.signedInIdentity : t.visitorIdentity}</p>
      <ErrorSummary ctx={ctx} error={state.error} />
      <PostForm ctx={ctx} action={ctx.link('/-/privacy/request')}>
        <fieldset>
          <legend>{t.type}</legend>
          {caseTypes.map((type) => (
            <div class="check">
              <input type="radio" id={`type-${type}`} name="type" value={type} required checked={(v.type ?? 'access') === type} />
              <label for={`type-${type}`}>{t.types[type]}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="message">{t.message}</label>
          <p class="hint" id="message-hint">{t.messageHint}</p>
          <textarea id="message" name="message" rows="6" maxlength="5000" aria-describedby="message-hint">{v.message ?? ''}</textarea>
        </div>
        {account ? (
          <div class="field">
            <label for="email">{t.email}</label>
            <p class="hint" id="email-hint">{t.emailLocked}</p>
            <input id="email" type="email" value={account.email} readonly aria-describedby="email-hint" />
          </div>
        ) : (
          <Input name="email" label={t.email} type="email" value={v.email} required autocomplete="email" maxlength={320} />
        )}
        <button type="submit">{t.send}</button>
      </PostForm>
    </Layout>
  );
}

export function codePage(ctx: PageContext, p: { caseId: string; email: string; error?: string | null; done?: string | null }): Html {
  const t = ctx.t.privacyCases;
  const base = `/-/privacy/request/${p.caseId}`;
  return (
    <Layout ctx={ctx} page={{ title: t.codeTitle, noindex: true }}>
      <h1>{t.codeTitle}</h1>
      <p>{t.codeIntro(p.email)}</p>
      <Done message={p.done} />
      <ErrorSummary ctx={ctx} error={p.error} />
      <PostForm ctx={ctx} action={ctx.link(`${base}/code`)}>
        <Input name="code" label={t.code} required autocomplete="one-time-code" inputmode="numeric" maxlength={6} />
        <button type="submit">{t.confirm}</button>
      </PostForm>
      <PostForm ctx={ctx} action={ctx.link(`${base}/new-code`)}>
        <button type="submit" class="secondary">{t.newCode}</button>
      </PostForm>
    </Layout>
  );
}

export function registeredPage(ctx: PageContext, p: { reference: string; due: string }): Html {
  const t = ctx.t.privacyCases;
  return (
    <Layout ctx={ctx} page={{ title: t.registeredTitle, noindex: true }}>
      <h1>{t.registeredTitle}</h1>
      <p role="status">{t.registered(p.reference, p.due)}</p>
    </Layout>
  );
}
