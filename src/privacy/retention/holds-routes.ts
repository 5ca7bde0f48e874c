// The DPO's legal holds over HTTP, under /-/privacy-office/holds in every language, with its JSON twin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accountOf } from '../../accounts/auth.ts';
import type { Config } from '../../config.ts';
import { DomainError, NotFound } from '../../errors.ts';
import { guard, mayAny } from '../../http/guard.ts';
import type { PageContext } from '../../web/context.ts';
import { errorText } from '../../web/forms.tsx';
import { languagePrefix, languages } from '../../i18n/index.ts';
import type { Html } from '../../html/jsx-runtime.ts';
import { notFoundPage } from '../../web/pages/errors.tsx';
import { pageErrors } from '../../http/errors.ts';
import { pageRoute } from '../../http/page-route.ts';
import { holdsPage, type HoldForm } from '../../web/pages/privacy-office/holds.tsx';
import type { HoldService } from './holds.ts';
import { reasonText } from '../../web/reasons.ts';
import { formBody, formSchema, refuseForm } from '../../http/forms.ts';
import { useSchemaValidation } from '../../http/validation.ts';

/** The hold forms: each field a string of bounded length, past the limits holds.ts explains itself. */
const NewHoldForm = formBody({ subject: 1000, reason: 100, reason_text: 10_000, ends_on: 100 });
const EndHoldForm = formBody({}, 200);
import { one as field } from '../../http/params.ts';

interface HoldRoutesDeps {
  config: Config;
  holds: HoldService;
  contextOf: (request: FastifyRequest) => PageContext;
}


export async function holdRoutes(app: FastifyInstance, deps: HoldRoutesDeps): Promise<void> {
  const html = (reply: FastifyReply, page: Html, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  const message = (ctx: PageContext, error: DomainError) => reasonText(ctx.t.holds.errors, error.reason) || errorText(ctx, error);

  useSchemaValidation(app);
  pageErrors(app, {
    cacheControl: 'no-store',
    hidden: (request) => !mayAny(request, ['privacy.manage']),
    page: async (request, error) => {
      const ctx = deps.contextOf(request);
      return error instanceof NotFound ? notFoundPage(ctx).value : holdsPage(ctx, { holds: await deps.holds.list(), error: message(ctx, error) }).value;
    },
  });

  // The register of holds and its JSON twin, from one list.
  pageRoute(app, deps.config.defaultLanguage, {
    path: '/-/privacy-office/holds',
    guard: ['privacy.manage'],
    cacheControl: 'no-store',
    jsonCacheControl: 'no-store',
    load: () => deps.holds.list(),
    render: (request, holds) => {
      const ctx = deps.contextOf(request);
      return holdsPage(ctx, { holds, done: ctx.t.holds.done[field(request.query, 'done')] ?? null });
    },
    json: (_request, holds) => ({
      results: holds.map((h) => ({
        id: h.id, object_type: h.objectType, object_id: h.objectId, subject: h.subject, reason: h.reason, reason_text: h.reasonText,
        set_by: h.setBy, set_at: h.setAt, ends_at: h.endsAt, last_day: h.lastDay, ended_at: h.endedAt, ended_by: h.endedBy, state: h.state,
      })),
    }),
  });

  // Its forms, in every language.
  for (const lang of languages) {
    const p = languagePrefix(lang, deps.config.defaultLanguage);
    const guarded = { preHandler: guard('privacy.manage') };

    app.post(`${p}/-/privacy-office/holds`, { ...formSchema(NewHoldForm), ...guarded }, async (request, reply) => {
      const form: HoldForm = {
        subject: field(request.body, 'subject'), reason: field(request.body, 'reason'),
        reason_text: field(request.body, 'reason_text'), ends_on: field(request.body, 'ends_on'),
      };
      try {
        refuseForm(request);
        await deps.holds.add(accountOf(request)!.id, {
          subject: form.subject!, reason: form.reason!, reasonText: form.reason_text!, endsOn: form.ends_on!,
        });
        return reply.redirect(`${p}/-/privacy-office/holds?done=added`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const ctx = deps.contextOf(request);
        return html(reply, holdsPage(ctx, { holds: await deps.holds.list(), error: message(ctx, error), form }), error.status);
      }
    });

    app.post<{ Params: { id: string } }>(`${p}/-/privacy-office/holds/:id/end`, { ...formSchema(EndHoldForm), ...guarded }, async (request, reply) => {
      try {
        refuseForm(request);
        await deps.holds.end(accountOf(request)!.id, request.params.id);
        return reply.redirect(`${p}/-/privacy-office/holds?done=ended`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const ctx = deps.contextOf(request);
        return html(reply, holdsPage(ctx, { holds: await deps.holds.list(), error: message(ctx, error) }), error.status);
      }
    });
  }
}
