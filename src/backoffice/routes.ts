// The back office pages under /-/admin/datasets: HTTP only — authorize, read the form, one catalog call, redirect or render.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../accounts/auth.ts';
import type { Action } from '../accounts/permissions.ts';
import { guarded as guard } from '../http/guard.ts';
import { parseMetadataInput } from '../catalog/metadata.ts';
import { staffAudience } from '../catalog/service.ts';
import type { Dataset } from '../catalog/types.ts';
import { DomainError, FormFieldInvalid, ImportFailed, NotFound } from '../errors.ts';
import { formBody, formProblem, formSchema, refuseForm, requireConfirmed } from '../http/forms.ts';
import { useSchemaValidation } from '../http/validation.ts';
import type { PageContext } from '../web/context.ts';
import { formatBytes, languagePrefix, languages } from '../i18n/index.ts';
import type { Html } from '../html/jsx-runtime.ts';
import { adminPath, failedPage } from '../web/pages/backoffice/common.tsx';
import { datasetAdminPage } from '../web/pages/backoffice/dataset.tsx';
import { deletePage } from '../web/pages/backoffice/delete.tsx';
import { datasetListPage } from '../web/pages/backoffice/list.tsx';
import { metadataPage } from '../web/pages/backoffice/metadata.tsx';
import { versionPage } from '../web/pages/backoffice/version.tsx';
import { attachmentsAdminPage } from '../web/pages/backoffice/attachments.tsx';
import { attachmentMaxBytes } from '../catalog/attachments.ts';
import { notFoundPage } from '../web/pages/errors.tsx';
import { one } from '../http/params.ts';
import { fieldReadings, formValuesOf, readMetadataForm, readReadingsForm, type FormValues } from './form.ts';
import { pageErrors } from '../http/errors.ts';
import { drainUnread, readFieldsBeforeFile, receiveFormFile } from './uploads.ts';
import type { BackofficeDeps } from './deps.ts';
import { importErrorText, reasonText } from '../web/reasons.ts';

type Params = { id: string; number: string; attachment: string };

// The forms' schemas: each field a string (or a list) of bounded length; what a value means stays with form.ts and the catalog.
/** Room for a dataset id the catalog then judges (1 to 100 characters): past this it is no id at all. */
const idRoom = 1000;
const CreateForm = formBody({ id: idRoom, title_nl: 10_000, title_en: 10_000 });
const PublishVersionForm = formBody({ acknowledge: 10 });
/** One `reading.<field>` per column: a type, `|`, a notation. */
const ReadingsForm = formBody({}, 200);
/** The metadata form, with its `field_<i>_…` fields per column. */
const MetadataForm = formBody({});
const DeleteForm = formBody({ confirm: idRoom });
/** An attachment's new title: past 200 characters the catalog refuses it with its reason. */
const TitleForm = formBody({ title: 1000 });

export async function backofficePages(app: FastifyInstance, deps: BackofficeDeps): Promise<void> {
  const { catalog, blobs, config } = deps;
  const maxBytes = config.maxImportBytes;
  useSchemaValidation(app);
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes } });
  app.decorateRequest('pendingUpload', null);
  app.addHook('onResponse', drainUnread);

  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const actor = (request: FastifyRequest) => accountOf(request)!.id;
  const values = (request: FastifyRequest) => (request.body ?? {}) as FormValues;

  /** A refusal in the page's language: the catalogue's text for the reason, else the domain's own message. */
  const explain = (ctx: PageContext, error: DomainError): { message: string; details: string[] } => {
    const t = ctx.t.backoffice;
    if (error instanceof ImportFailed) return { message: t.importFailed, details: [importErrorText(ctx.t.importReport, ctx.lang, error)] };
    if (error instanceof FormFieldInvalid) return { message: ctx.t.errors.formField(error.field), details: [] };
    if (error.reason === 'too_large') return { message: t.tooLarge(formatBytes(ctx.lang, maxBytes)), details: [] };
    if (error.reason === 'no_file') return { message: t.noFile, details: [] };
    return { message: (reasonText(t.errors, error.reason) ?? reasonText(ctx.t.account.errors, error.reason)) || error.message, details: [] };
  };

  // Errors outside a form: an unknown dataset is the ordinary 404; any other refusal a page with the way back to the list.
  pageErrors(app, {
    cacheControl: 'no-store',
    page: (request, error) => {
      const ctx = deps.contextOf(request);
      if (error instanceof NotFound) return notFoundPage(ctx).value;
      // An attachment past its limit, refused before it was read, is measured against the attachments' limit.
      const attachment = /\/attachments(?:$|[/?])/.test(request.url) && error.reason === 'too_large';
      const message = attachment ? ctx.t.attachments.tooLarge(formatBytes(ctx.lang, attachmentMaxBytes)) : explain(ctx, error).message;
      return failedPage(ctx, message, { href: ctx.link(adminPath()), label: ctx.t.backoffice.backToList }).value;
    },
  });

  /** A domain refusal on a form: the form's page again with the reason; anything else goes to the error handler. */
  const refusal = (error: unknown) => {
    if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
    return error;
  };

  for (const lang of languages) {
    const p = languagePrefix(lang, config.defaultLanguage);
    const path = (suffix: string) => `${p}/-/admin/datasets${suffix}`;
    // A form's schema is checked before the hooks but refused by the route itself, after the guard, with the form's page.
    const form = (body: object, action: Action) => ({ ...formSchema(body), ...guard(action) });
    const back = (id?: string, ...rest: (string | number)[]) => `${p}${id ? adminPath(id, ...rest) : adminPath()}`;
    const done = (request: FastifyRequest) => one(request.query, 'done') || null;

    const showDataset = async (request: FastifyRequest, reply: FastifyReply, dataset: Dataset, problem?: DomainError) => {
      const ctx = deps.contextOf(request);
      const versions = await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true });
      const said = problem ? explain(ctx, problem) : null;
      const page = datasetAdminPage(ctx, { dataset, versions, maxBytes, done: done(request), error: said?.message, details: said?.details });
      return html(reply, page, problem ? problem.status : 200);
    };

    const listRows = async () =>
      Promise.all(
        (await catalog.listDatasets(staffAudience)).map(async (dataset) => {
          const versions = await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true });
          return { dataset, current: versions.find((v) => v.id === dataset.currentVersion)?.number ?? null, waiting: versions.filter((v) => v.publishedAt === null).length };
        }),
      );

    app.get(path(''), guard('dataset.edit'), async (request, reply) =>
      html(reply, datasetListPage(deps.contextOf(request), await listRows(), { done: done(request), requestCounts: deps.requestCounts ? await deps.requestCounts() : null, exchangeCounts: deps.exchangeCounts ? await deps.exchangeCounts() : null })),
    );

    app.post(path(''), form(CreateForm, 'dataset.create'), async (request, reply) => {
      const problem = formProblem(request);
      const text = (name: string) => (problem ? '' : one(values(request), name));
      const form = { id: text('id').trim(), title_nl: text('title_nl'), title_en: text('title_en') };
      try {
        if (problem) throw problem;
        const input = parseMetadataInput({ title: { nl: form.title_nl, en: form.title_en } });
        await catalog.createDataset({ id: form.id, input, actor: actor(request) });
      } catch (error) {
        const problem = refusal(error);
        const ctx = deps.contextOf(request);
        return html(reply, datasetListPage(ctx, await listRows(), { values: form, error: explain(ctx, problem).message }), problem.status);
      }
      return reply.redirect(`${back(form.id)}?done=created`, 303);
    });

    app.get<{ Params: Params }>(path('/:id'), guard('dataset.edit'), async (request, reply) =>
      showDataset(request, reply, await catalog.datasetForStaff(request.params.id)),
    );

    app.post<{ Params: Params }>(path('/:id/versions'), { preValidation: readFieldsBeforeFile(maxBytes), ...guard('dataset.edit') }, async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      let number: number;
      try {
        const file = await receiveFormFile(request, blobs, maxBytes);
        try {
          number = (await catalog.stageVersion({ datasetId: dataset.id, path: file.path, displayName: file.name, actor: actor(request) })).number;
        } finally {
          await blobs.discard(file.path);
        }
      } catch (error) {
        return showDataset(request, reply, dataset, refusal(error));
      }
      return reply.redirect(back(dataset.id, 'versions', number), 303);
    });

    app.get<{ Params: Params }>(path('/:id/versions/:number'), guard('dataset.edit'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const preview = await catalog.previewVersion(dataset.id, Number(request.params.number));
      return html(reply, versionPage(deps.contextOf(request), { dataset, preview, done: done(request) }));
    });

    /** A button that does one thing to a dataset and comes back with a note, or shows why it could not. */
    const action = (suffix: string, permission: Action, run: (request: FastifyRequest<{ Params: Params }>) => Promise<unknown>, note: string, to: (id: string) => string = (id) => back(id), body?: object) =>
      app.post<{ Params: Params }>(path(suffix), body ? form(body, permission) : guard(permission), async (request, reply) => {
        try {
          refuseForm(request);
          await run(request);
        } catch (error) {
          const problem = refusal(error);
          return showDataset(request, reply, await catalog.datasetForStaff(request.params.id), problem);
        }
        return reply.redirect(`${to(request.params.id)}?done=${note}`, 303);
      });

    action(
      '/:id/versions/:number/publish',
      'dataset.publish',
      (r) => catalog.publishVersion({ datasetId: r.params.id, number: Number(r.params.number), actor: actor(r), acknowledgeChecks: one(values(r), 'acknowledge') === '1' }),
      'versionPublished',
      undefined,
      PublishVersionForm,
    );

    app.post<{ Params: Params }>(path('/:id/versions/:number/readings'), form(ReadingsForm, 'dataset.edit'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const number = Number(request.params.number);
      let version;
      try {
        refuseForm(request);
        version = await catalog.rereadVersion({ datasetId: dataset.id, number, readings: readReadingsForm(values(request)), actor: actor(request), replace: true });
      } catch (error) {
        const problem = refusal(error);
        const ctx = deps.contextOf(request);
        const preview = await catalog.previewVersion(dataset.id, number);
        return html(reply, versionPage(ctx, { dataset, preview, error: explain(ctx, problem).message }), problem.status);
      }
      return reply.redirect(`${back(dataset.id, 'versions', version.number)}?done=reread`, 303);
    });
    action('/:id/versions/:number/discard', 'dataset.edit', (r) => catalog.discardVersion({ datasetId: r.params.id, number: Number(r.params.number), actor: actor(r) }), 'discarded');
    action('/:id/publish', 'dataset.publish', (r) => catalog.setPublished({ id: r.params.id, published: true, actor: actor(r) }), 'published');
    action('/:id/unpublish', 'dataset.publish', (r) => {
      requireConfirmed(r.body);
      return catalog.setPublished({ id: r.params.id, published: false, actor: actor(r) });
    }, 'unpublished');
    action(
      '/:id/contact',
      'dataset.edit',
      async (r) => {
        const dataset = await catalog.datasetForStaff(r.params.id);
        const contactPoint = { name: dataset.metadata.contactPoint?.name ?? null, email: config.contactEmail, url: dataset.metadata.contactPoint?.url ?? null };
        await catalog.updateMetadata({ id: dataset.id, input: { metadata: { contactPoint } }, actor: actor(r) });
      },
      'contact',
      (id) => back(id, 'metadata'),
    );

    const showMetadata = async (request: FastifyRequest, reply: FastifyReply, dataset: Dataset, form?: { values: FormValues; errors: Map<string, string> }) => {
      const ctx = deps.contextOf(request);
      const warning = await deps.contactWarning(dataset.metadata);
      const { version: current } = await catalog.currentVersion(dataset.id, staffAudience);
      const page = metadataPage(ctx, { dataset, values: form?.values ?? formValuesOf(dataset), errors: form?.errors, warning, done: done(request), current });
      return html(reply, page, form ? 400 : 200);
    };

    app.get<{ Params: Params }>(path('/:id/metadata'), guard('dataset.edit'), async (request, reply) =>
      showMetadata(request, reply, await catalog.datasetForStaff(request.params.id)),
    );

    app.post<{ Params: Params }>(path('/:id/metadata'), form(MetadataForm, 'dataset.edit'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const problem = formProblem(request);
      if (problem) {
        const ctx = deps.contextOf(request);
        return showMetadata(request, reply, dataset, { values: formValuesOf(dataset), errors: new Map([['form', ctx.t.errors.formField(problem.field)]]) });
      }
      const { input, errors } = readMetadataForm(values(request), dataset);
      if (errors.size > 0) return showMetadata(request, reply, dataset, { values: values(request), errors });
      // A type chosen in the field editor reads the current version again: a new staged version to review.
      const { version: current } = await catalog.currentVersion(dataset.id, staffAudience);
      const chosen = current ? fieldReadings(values(request), dataset, current) : null;
      let reread: number | null = null;
      try {
        await catalog.updateMetadata({ id: dataset.id, input, actor: actor(request) });
        if (current && chosen) reread = (await catalog.rereadVersion({ datasetId: dataset.id, number: current.number, readings: chosen, actor: actor(request), replace: true })).number;
      } catch (error) {
        const problem = refusal(error);
        return showMetadata(request, reply, dataset, { values: values(request), errors: new Map([[problem.reason === 'title_required' ? 'title' : 'fields', problem.message]]) });
      }
      if (reread !== null) return reply.redirect(`${back(dataset.id, 'versions', reread)}?done=reread`, 303);
      return reply.redirect(`${back(dataset.id, 'metadata')}?done=saved`, 303);
    });

    /** The attachments page, with a note after an action or the reason one was refused (and the title given, to keep). */
    const showAttachments = async (request: FastifyRequest, reply: FastifyReply, dataset: Dataset, problem?: DomainError, title?: string) => {
      const ctx = deps.contextOf(request);
      const attachments = await catalog.listAttachments(dataset.id, staffAudience);
      const error = problem ? attachmentProblem(ctx, problem) : null;
      return html(reply, attachmentsAdminPage(ctx, { dataset, attachments, maxBytes: attachmentMaxBytes, done: done(request), error, title }), problem ? problem.status : 200);
    };
    const attachmentProblem = (ctx: PageContext, problem: DomainError) => {
      const t = ctx.t.attachments;
      if (problem.reason === 'too_large') return t.tooLarge(formatBytes(ctx.lang, attachmentMaxBytes));
      if (problem.reason === 'no_file') return t.noFile;
      return reasonText(t.errors, problem.reason) ?? explain(ctx, problem).message;
    };

    app.get<{ Params: Params }>(path('/:id/attachments'), guard('dataset.edit'), async (request, reply) =>
      showAttachments(request, reply, await catalog.datasetForStaff(request.params.id)),
    );

    app.post<{ Params: Params }>(path('/:id/attachments'), { preValidation: readFieldsBeforeFile(attachmentMaxBytes), ...guard('dataset.edit') }, async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const title = one(values(request), 'title');
      try {
        const file = await receiveFormFile(request, blobs, attachmentMaxBytes);
        try {
          await catalog.addAttachment({ datasetId: dataset.id, path: file.path, fileName: file.name, bytes: file.bytes, title, actor: actor(request) });
        } finally {
          await blobs.discard(file.path);
        }
      } catch (error) {
        return showAttachments(request, reply, dataset, refusal(error), title);
      }
      return reply.redirect(`${back(dataset.id, 'attachments')}?done=added`, 303);
    });

    app.post<{ Params: Params }>(path('/:id/attachments/:attachment/title'), form(TitleForm, 'dataset.edit'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      try {
        refuseForm(request);
        await catalog.retitleAttachment({ datasetId: dataset.id, attachmentId: request.params.attachment, title: one(values(request), 'title'), actor: actor(request) });
      } catch (error) {
        return showAttachments(request, reply, dataset, refusal(error));
      }
      return reply.redirect(`${back(dataset.id, 'attachments')}?done=retitled`, 303);
    });

    app.post<{ Params: Params }>(path('/:id/attachments/:attachment/remove'), guard('dataset.edit'), async (request, reply) => {
      await catalog.removeAttachment({ datasetId: request.params.id, attachmentId: request.params.attachment, actor: actor(request) });
      return reply.redirect(`${back(request.params.id, 'attachments')}?done=removed`, 303);
    });

    app.get<{ Params: Params }>(path('/:id/delete'), guard('dataset.delete'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const versions = await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true });
      return html(reply, deletePage(deps.contextOf(request), { dataset, versions: versions.length }));
    });

    app.post<{ Params: Params }>(path('/:id/delete'), form(DeleteForm, 'dataset.delete'), async (request, reply) => {
      const dataset = await catalog.datasetForStaff(request.params.id);
      const problem = formProblem(request);
      if (problem || one(values(request), 'confirm').trim() !== dataset.id) {
        const ctx = deps.contextOf(request);
        const versions = await catalog.listVersions(dataset.id, staffAudience, { includeStaged: true });
        const error = problem ? ctx.t.errors.formField(problem.field) : ctx.t.backoffice.deleteMismatch;
        return html(reply, deletePage(ctx, { dataset, versions: versions.length, error }), 400);
      }
      await catalog.deleteDataset(dataset.id, actor(request));
      return reply.redirect(`${back()}?done=deleted`, 303);
    });
  }
}
