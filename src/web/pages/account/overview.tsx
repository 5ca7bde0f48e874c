// The account page: profile, email, password, sessions; other modules add their sections (two-factor, API keys).
import type { SessionInfo } from '../../../accounts/types.ts';
import type { PageContext } from '../../context.ts';
import { Done, ErrorSummary, Input, PostForm } from '../../forms.tsx';
import { formatDate, formatTime } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

export interface AccountSection {
  id: string;
  title: string;
  body: Html;
}

export function accountPage(ctx: PageContext, data: { sessions: SessionInfo[]; sections: AccountSection[]; error?: string | null; done?: string | null }): Html {
  const t = ctx.t.account;
  const account = ctx.viewer!.account;
  const when = (iso: string) => (
    <time datetime={iso}>
      {formatDate(ctx.lang, iso, ctx.config.timezone)} {formatTime(ctx.lang, iso, ctx.config.timezone)}
    </time>
  );
  return (
    <Layout ctx={ctx} page={{ title: t.myAccount, noindex: true }}>
      <h1>{t.myAccount}</h1>
      <p>
        {account.email} · {t.role}: {t.roles[account.role]}
      </p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      <div class="account-grid">
        <section aria-labelledby="profile">
          <h2 id="profile">{t.profile}</h2>
          <PostForm ctx={ctx} action={ctx.link('/-/account/profile')}>
            <Input name="first_name" label={t.firstName} value={account.firstName} required autocomplete="given-name" maxlength={100} />
            <Input name="last_name" label={t.lastName} value={account.lastName} required autocomplete="family-name" maxlength={100} />
            <Input name="display_name" label={t.displayName} value={account.displayName ?? ''} maxlength={100} />
            <button type="submit">{t.save}</button>
          </PostForm>
        </section>
        <section aria-labelledby="email-change">
          <h2 id="email-change">{t.changeEmail}</h2>
          <PostForm ctx={ctx} action={ctx.link('/-/account/email')}>
            <Input name="email" id="new_email" label={t.newEmail} type="email" required autocomplete="email" />
            <Input name="password" id="email_password" label={t.currentPassword} type="password" required autocomplete="current-password" />
            <button type="submit">{t.changeEmail}</button>
          </PostForm>
        </section>
        <section aria-labelledby="password-change">
          <h2 id="password-change">{t.changePassword}</h2>
          <PostForm ctx={ctx} action={ctx.link('/-/account/password')}>
            <Input name="current" label={t.currentPassword} type="password" required autocomplete="current-password" />
            <Input name="password" label={t.newPassword} type="password" hint={t.passwordHint} required autocomplete="new-password" />
            <button type="submit">{t.changePassword}</button>
          </PostForm>
        </section>
        {data.sections.map((s) => (
          <section aria-labelledby={s.id}>
            <h2 id={s.id}>{s.title}</h2>
            {s.body}
          </section>
        ))}
      </div>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t.sessions}</h2>
        <div class="table-scroll">
          <table>
            <thead>
              <tr><th scope="col">{t.sessionStarted}</th><th scope="col">{t.sessionLastSeen}</th><th scope="col">{t.sessionEnds}</th></tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr>
                  <td>{when(s.createdAt)} {s.current && <strong>({t.thisSession})</strong>}</td>
                  <td>{when(s.lastSeenAt)}</td>
                  <td>{when(s.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <PostForm ctx={ctx} action={ctx.link('/-/account/sessions/end')}>
          <button type="submit" class="secondary">{t.signOutEverywhere}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
