// Pieces the back office pages share: their frame, notes after an action, errors, the hygiene warning.
import type { ContactWarning } from '../../../backoffice/hygiene.ts';
import type { Dataset } from '../../../catalog/types.ts';
import { localized } from '../../../explore/present.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import type { Child, Html } from '../../../html/jsx-runtime.ts';
import { Layout } from '../../layout.tsx';

/** A back office path, e.g. `adminPath('cities', 'metadata')` → `/-/admin/datasets/cities/metadata`. */
export function adminPath(...segments: (string | number)[]): string {
  return ['/-/admin/datasets', ...segments.map((s) => encodeURIComponent(String(s)))].join('/');
}

export function titleOf(ctx: PageContext, dataset: Dataset): string {
  return localized(dataset.metadata.title, ctx.lang) ?? dataset.id;
}

/** A back office page: never indexed, its JSON twin the publishing API, a way back to the list. */
export function BackofficeLayout(props: { ctx: PageContext; title: string; jsonTwin?: string; scripts?: string[]; children?: Child; crumbs?: { href: string; label: string }[] }): Html {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} page={{ title: props.title, noindex: true, jsonTwin: props.jsonTwin, scripts: props.scripts, styles: ['backoffice.css'] }}>
      <nav class="breadcrumb" aria-label={ctx.t.common.breadcrumb}>
        <ol>
          <li><a href={ctx.link(adminPath())}>{ctx.t.backoffice.title}</a></li>
          {(props.crumbs ?? []).map((c) => <li><a href={c.href}>{c.label}</a></li>)}
        </ol>
      </nav>
      {props.children}
    </Layout>
  );
}

/** What an action did (after its redirect) or why it failed. */
export function Notes(props: { ctx: PageContext; done?: string | null; error?: string | null; details?: string[] }): Html {
  const t = props.ctx.t.backoffice;
  return (
    <>
      {props.done && t.done[props.done] && <div class="notice" role="status"><p>{t.done[props.done]}</p></div>}
      {props.error && (
        <div class="notice notice-error" role="alert" tabindex="-1" id="problem">
          <p class="notice-title">{t.failed}</p>
          <p>{props.error}</p>
          {/* A sentence in the page's language (why a file could not be read), not code. */}
          {(props.details ?? []).map((d) => <p>{d}</p>)}
        </div>
      )}
    </>
  );
}

/** The publishing hygiene warning, with a button that puts the functional mailbox in the contact point. */
export function HygieneWarning(props: { ctx: PageContext; dataset: Dataset; warning: ContactWarning | null }): Html {
  const { ctx, warning } = props;
  if (!warning) return <></>;
  const t = ctx.t.backoffice;
  return (
    <div class="notice notice-warning" role="status" id="hygiene">
      <p class="notice-title">{t.hygieneTitle}</p>
      <p>{t.hygieneText(warning.email)}</p>
      <p>{t.hygieneProposal(warning.proposal)}</p>
      <PostForm ctx={ctx} action={ctx.link(adminPath(props.dataset.id, 'contact'))} class="inline">
        <button type="submit" class="secondary">{t.hygieneUse(warning.proposal)}</button>
      </PostForm>
    </div>
  );
}

/** A page that only says what went wrong, with a way back. */
export function failedPage(ctx: PageContext, message: string, back: { href: string; label: string }): Html {
  return (
    <BackofficeLayout ctx={ctx} title={ctx.t.backoffice.failed}>
      <h1>{ctx.t.backoffice.failed}</h1>
      <p role="alert">{message}</p>
      <p><a href={back.href}>{back.label}</a></p>
    </BackofficeLayout>
  );
}

/** The account page's section for editors: where the back office is. */
export function publishingSectionBody(ctx: PageContext): Html {
  return (
    <>
      <p>{ctx.t.backoffice.sectionText}</p>
      <p><a href={ctx.link(adminPath())}>{ctx.t.backoffice.title}</a></p>
    </>
  );
}
