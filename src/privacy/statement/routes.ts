// The privacy statement over HTTP in every language: current, history, an old version, the changes, the PDF, the
// JSON twins, and the acknowledgement of a changed statement.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import type { Config } from '../../config.ts';
import { DomainError, Invalid, NotFound } from '../../errors.ts';
import type { PageContext } from '../../web/context.ts';
import { formatDate, languagePrefix, languages, locales } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { badRequestPage, notFoundPage } from '../../web/pages/errors.tsx';
import { pageErrors } from '../../http/errors.ts';
import { pageRoute } from '../../http/page-route.ts';
import { one } from '../../http/params.ts';
import { privacyChangesPage, privacyPage, privacyVersionPage, privacyVersionsPage } from '../../web/pages/privacy.tsx';
import type { Acknowledgements } from './notice.ts';
import type { PublishedStatement, StatementService } from './service.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

/** The banner's form: the version read and the page to go back to. */
const AcknowledgeForm = formBody({ version: 20, back: 20_000 }, 200);

interface StatementRoutesDeps {
  config: Config;
  statements: StatementService;
  acknowledgements: Acknowledgements;
  contextOf: (request: FastifyRequest) => PageContext;
}

const errorText = (ctx: PageContext, error: DomainError) => reasonText(ctx.t.privacy.errors, error.reason) || error.message;

export async function statementRoutes(app: FastifyInstance, deps: StatementRoutesDeps): Promise<void> {
  const { statements } = deps;
  const html = (reply: FastifyReply, page: Html, status = 200) => reply.status(status).type('text/html; charset=utf-8').send(page.value);

  useSchemaValidation(app);
  // The statement's own reasons (an unknown version) in the visitor's language, on the portal's error pages.
  pageErrors(app, {
    page: (request, error) => {
      const ctx = deps.contextOf(request);
      return (error.status === 404 ? notFoundPage(ctx, errorText(ctx, error)) : badRequestPage(ctx, errorText(ctx, error))).value;
    },
  });

  const versionNumber = (raw: string) => {
    if (!/^[1-9]\d{0,8}$/.test(raw)) throw new NotFound(`There is no version ${raw} of the privacy statement.`, 'statement_version');
    return Number(raw);
  };
  const asJson = (s: PublishedStatement) => ({ version: s.number, digest: s.digest, published_at: s.publishedAt, text: s.text });

  // The statement in force and its JSON twin, from one read.
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy',
    load: () => statements.current(),
    render: (request, statement) => privacyPage(deps.contextOf(request), statement),
    json: (_request, statement) => asJson(statement),
  });

  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy/versions',
    load: () => statements.versions(),
    render: (request, versions) => privacyVersionsPage(deps.contextOf(request), versions),
    json: (_request, versions, lang) => ({
      versions: versions.map((v) => ({ version: v.number, digest: v.digest, published_at: v.publishedAt, url: `${languagePrefix(lang, deps.config.defaultLanguage)}/-/privacy/versions/${v.number}` })),
    }),
  });
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy/versions/:n',
    load: (request) => statements.version(versionNumber(request.params.n)),
    render: async (request, statement) => privacyVersionPage(deps.contextOf(request), statement, (await statements.current()).number),
    json: (_request, statement) => asJson(statement),
  });

  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);

    app.get(`${p}/-/privacy.pdf`, async (request, reply) => {
      const ctx = deps.contextOf(request);
      const statement = await statements.current();
      // pdfkit weighs ~20 MB of memory: loaded when a PDF is first asked for, not at start.
      const { statementPdf } = await import('./pdf.ts');
      const pdf = await statementPdf({
        title: `${ctx.t.privacy.statement} — ${deps.config.portalName}`,
        subtitle: ctx.t.privacy.version(statement.version, formatDate(lang, statement.publishedAt, deps.config.timezone)),
        sections: statement.text[lang],
        lang: locales[lang],
      });
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="privacy-${lang}-v${statement.number}.pdf"`).send(pdf);
    });

    app.get(`${p}/-/privacy/changes`, async (request, reply) => {
      const from = await statements.version(versionNumber(one(request.query, 'from')));
      return html(reply, privacyChangesPage(deps.contextOf(request), from, await statements.current()));
    });

    app.post(`${p}/-/privacy/acknowledge`, formSchema(AcknowledgeForm), async (request, reply) => {
      const account = accountOf(request);
      if (!account || request.keyAccount) return reply.redirect(`${p}/-/account/login`, 303);
      refuseForm(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = Number(body.version);
      if (!Number.isSafeInteger(version) || version < 1) throw new Invalid('Say which version of the privacy statement you read.', 'statement_version');
      await deps.acknowledgements.acknowledge(account.id, version, lang);
      // Back to the page the banner was on: a path of this portal only, never another site.
      const back = typeof body.back === 'string' && /^\/(?![/\\])[^\s]*$/.test(body.back) ? body.back : '/-/privacy';
      return reply.redirect(`${p}${back}`, 303);
    });
  }
}
