// The account's privacy page: download my data, restriction, objection, consents, and deleting the account.
import type { ConsentRecord } from '../../../privacy/rights/consents.ts';
import type { PrivacyFlags } from '../../../privacy/rights/flags.ts';
import type { PurposeId } from '../../../personal-data/vocabulary.ts';
import type { PageContext } from '../../context.ts';
import { ConfirmField, Done, ErrorSummary, Input, PostForm, RowAction } from '../../forms.tsx';
import { formatDate } from '../../../i18n/index.ts';
import type { Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';
import type { AccountSection } from './overview.tsx';

interface PrivacyPageData {
  flags: PrivacyFlags;
  consents: ConsentRecord[];
  archives: { id: string; created_at: string; expires_at: string }[];
  /** Purposes one may object to (Art. 21(1): those resting on a public task). */
  objectable: PurposeId[];
  done?: string | null;
  error?: string | null;
}

/** The account page's section: the way to the privacy page, and the restriction and objections in force. */
export function privacyAccountSection(ctx: PageContext, flags: PrivacyFlags): AccountSection {
  const t = ctx.t.privacyRights;
  const date = (iso: string) => formatDate(ctx.lang, iso, ctx.config.timezone);
  return {
    id: 'privacy-rights',
    title: t.title,
    body: (
      <>
        {flags.restrictedSince && <p><strong>{t.restrictedSince(date(flags.restrictedSince))}</strong></p>}
        {flags.objections.length > 0 && (
          <ul>{flags.objections.map((o) => <li>{ctx.t.privacyTerms.purposes[o.purpose]?.name ?? o.purpose}: {t.objectedSince(date(o.since))}</li>)}</ul>
        )}
        <p><a href={ctx.link('/-/account/privacy')}>{t.overviewLink}</a></p>
      </>
    ),
  };
}

function Consents(props: { ctx: PageContext; consents: ConsentRecord[] }): Html {
  const { ctx } = props;
  const t = ctx.t.privacyRights;
  const date = (iso: string) => formatDate(ctx.lang, iso, ctx.config.timezone);
  if (props.consents.length === 0) return <p>{t.consentsNone}</p>;
  return (
    <ul class="consents">
      {props.consents.map((c) => (
        <li>
          <strong>{t.consentPurposes[c.purpose] ?? c.purpose}</strong>: {t.consentAccepted(c.statementVersion, date(c.givenAt))}
          {c.withdrawnAt && <> · {t.withdrawn(date(c.withdrawnAt))}</>}
          {c.withdrawable ? (
            <RowAction ctx={ctx} action={ctx.link('/-/account/privacy/consents/withdraw')} fields={{ consent_id: String(c.id) }} label={t.withdraw} />
          ) : (
            !c.withdrawnAt && <p class="hint">{t.acknowledgement}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

export function privacyPage(ctx: PageContext, data: PrivacyPageData): Html {
  const t = ctx.t.privacyRights;
  const date = (iso: string) => formatDate(ctx.lang, iso, ctx.config.timezone);
  const objections = new Map(data.flags.objections.map((o) => [o.purpose, o.since]));
  return (
    <Layout ctx={ctx} page={{ title: t.title, noindex: true }}>
      <p><a href={ctx.link('/-/account')}>{ctx.t.account.myAccount}</a></p>
      <h1>{t.title}</h1>
      <p>{t.intro} <a href={ctx.link('/-/privacy/request')}>{t.requestLink}</a></p>
      <Done message={data.done} />
      <ErrorSummary ctx={ctx} error={data.error} />
      <section aria-labelledby="download">
        <h2 id="download">{t.downloadTitle}</h2>
        <p>{t.downloadIntro}</p>
        {data.archives.length > 0 && (
          <>
            <h3>{t.archives}</h3>
            <ul class="archives">
              {data.archives.map((a) => (
                <li>
                  <time datetime={a.created_at}>{date(a.created_at)}</time>: <a href={ctx.link(`/-/account/privacy/archive/${a.id}.json`)} download>{t.archiveJson}</a> ·{' '}
                  <a href={ctx.link(`/-/account/privacy/archive/${a.id}.html`)}>{t.archiveHtml}</a> ({t.archiveExpires(date(a.expires_at))})
                </li>
              ))}
            </ul>
          </>
        )}
        <PostForm ctx={ctx} action={ctx.link('/-/account/privacy/archive')}>
          <button type="submit">{t.downloadButton}</button>
        </PostForm>
      </section>
      <section aria-labelledby="consents">
        <h2 id="consents">{t.consentsTitle}</h2>
        <p>{t.consentsIntro}</p>
        <Consents ctx={ctx} consents={data.consents} />
        <p>{t.noOptionalConsents}</p>
      </section>
      <section aria-labelledby="restriction">
        <h2 id="restriction">{t.restrictionTitle}</h2>
        <p>{t.restrictionIntro}</p>
        <p><strong>{data.flags.restrictedSince ? t.restrictedSince(date(data.flags.restrictedSince)) : t.notRestricted}</strong></p>
        <PostForm ctx={ctx} action={ctx.link('/-/account/privacy/restriction')}>
          <input type="hidden" name="restricted" value={data.flags.restrictedSince ? 'no' : 'yes'} />
          <button type="submit" class="secondary">{data.flags.restrictedSince ? t.lift : t.restrict}</button>
        </PostForm>
      </section>
      <section aria-labelledby="objection">
        <h2 id="objection">{t.objectionTitle}</h2>
        <p>{t.objectionIntro}</p>
        <ul class="objections">
          {data.objectable.map((purpose) => (
            <li>
              {ctx.t.privacyTerms.purposes[purpose].name}
              {objections.has(purpose) && <> · <strong>{t.objectedSince(date(objections.get(purpose)!))}</strong></>}
              <RowAction
                ctx={ctx}
                action={ctx.link('/-/account/privacy/objection')}
                fields={{ purpose, objected: objections.has(purpose) ? 'no' : 'yes' }}
                label={objections.has(purpose) ? t.withdrawObjection : t.object}
              />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="delete-account">
        <h2 id="delete-account">{t.deleteTitle}</h2>
        <p>{t.deleteIntro}</p>
        <PostForm ctx={ctx} action={ctx.link('/-/account/privacy/delete')}>
          <Input name="password" id="delete_password" label={t.deletePassword} type="password" required autocomplete="current-password" />
          <ConfirmField ctx={ctx} />
          <button type="submit" class="danger">{t.deleteButton}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
