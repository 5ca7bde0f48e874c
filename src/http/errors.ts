// The one error handler: every error a route throws answers here, by route family, with the status the error carries.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ImportFailed, NotFound } from '../errors.ts';
import { odsError } from '../explore/errors.ts';

/**
 * An error of Fastify's own (a body that is not JSON, too large, of a type no parser reads, failing a schema):
 * a DomainError like any other, with Fastify's status and message, so every family answers it its own way.
 */
class RequestError extends DomainError {
  constructor(status: number, message: string) {
    super('invalid', message, status === 413 ? 'too_large' : status === 415 ? 'media_type' : undefined, status);
  }
}

/**
 * A 404 that must read exactly as a path that does not exist (the guard's refusal of a staff page): answered with
 * the portal's plain 404 page, or `{error: 'not_found'}` for a twin, whatever the area's own error pages say.
 */
export class Hidden extends NotFound {
  constructor(path: string) {
    super(`Nothing at ${path}.`);
  }
}

/** The portal's own pages for what went wrong, passed in by the app (this layer renders no page itself). */
interface ErrorPages {
  /** The ordinary 404 page; `error` when a NotFound says what was not found. */
  notFound(request: FastifyRequest, error?: DomainError): string;
  /** A request the page cannot use, in the visitor's language. */
  failed(request: FastifyRequest, error: DomainError): string;
  /** An internal error, with the request id to quote. */
  serverError(request: FastifyRequest): string;
}

/** What a group of pages (the admin, the back office, the privacy office…) answers instead of the portal's pages. */
interface PageFamily {
  /** Whether the visitor may not know these pages exist: then every error is the ordinary 404, as for a path that is not there. */
  hidden?: (request: FastifyRequest) => boolean;
  /** The family's page for a domain error (its status is the error's), or undefined for the portal's page. */
  page?: (request: FastifyRequest, error: DomainError) => string | undefined | Promise<string | undefined>;
  /** Cache-Control of the error pages; `no-cache` unless said. */
  cacheControl?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by pageErrors on every route of a plugin. */
    pageFamily?: PageFamily;
  }
}

/**
 * Declares the family of every page route registered after it in this plugin (and its children):
 * the one error handler asks it for the error page. Errors of JSON twins and APIs never reach it.
 */
export function pageErrors(app: FastifyInstance, family: PageFamily): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), pageFamily: family };
  });
}

type RouteFamily = 'explore' | 'json' | 'page';

/** Which way a request is answered: the Explore API, JSON (the other APIs, `.json` and `.csv` twins), or a page. */
function familyOf(url: string): RouteFamily {
  const path = url.split('?')[0];
  if (path.startsWith('/api/explore/')) return 'explore';
  if (path.startsWith('/api/') || /\.(json|csv)$/.test(path)) return 'json';
  return 'page';
}

/** `{error, message}`, plus where an import failed (file and line) when known, or the reason's key. */
function errorBody(error: DomainError): Record<string, unknown> {
  const code = error.reason === 'too_large' ? 'too_large' : error.reason === 'media_type' ? 'unsupported_media_type' : error.code;
  const body: Record<string, unknown> = { error: code, message: error.message };
  // An import failure's reason is a sentence, already in the message; the others' is a stable key.
  if (error instanceof ImportFailed) return { ...body, file: error.file, ...(error.line !== undefined ? { line: error.line } : {}) };
  if (error.reason && error.reason !== code && !(error instanceof RequestError)) body.reason = error.reason;
  return body;
}

/** Fastify's own 4xx as a RequestError; anything else (a bug, a lost database) stays what it is. */
function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (status && status >= 400 && status < 500) return new RequestError(status, (error as Error).message);
  return null;
}

function html(reply: FastifyReply, status: number, page: string, cacheControl: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', cacheControl).send(page);
}

/** Installs the one error handler and the one not-found handler on the root instance. */
export function installErrorHandler(app: FastifyInstance, pages: ErrorPages): void {
  app.setErrorHandler(async (raw, request, reply) => {
    const family = familyOf(request.url);
    const error = asDomainError(raw);
    if (!error) request.log.error({ err: raw }, 'request failed');
    if (error?.retryAfter) reply.header('Retry-After', String(error.retryAfter));

    if (family === 'explore') {
      const mapped = odsError(raw);
      if (mapped) return reply.status(mapped.status).send(mapped.body);
      // Fastify's own 4xx are all a bad parameter to Opendatasoft's clients.
      if (error) return reply.status(400).send({ error_code: 'InvalidRESTParameterError', message: error.message });
      return reply.status(500).send({ error_code: 'InternalServerError', message: 'An internal error occurred.' });
    }
    if (family === 'json') {
      if (error instanceof Hidden) reply.header('Cache-Control', 'no-store');
      if (error) return reply.status(error.status).send(errorBody(error));
      return reply.status(500).send({ error: 'internal', message: 'An internal error occurred.' });
    }

    const own = request.routeOptions.config?.pageFamily;
    const cacheControl = own?.cacheControl ?? 'no-cache';
    // The CSRF check's refusal arrives here too, before any guard: to outsiders, a hidden area is still not there.
    if (error instanceof Hidden || own?.hidden?.(request)) return html(reply, 404, pages.notFound(request), cacheControl);
    if (!error) return html(reply, 500, pages.serverError(request), cacheControl);
    const page = (await own?.page?.(request, error)) ?? (error.status === 404 ? pages.notFound(request, error) : pages.failed(request, error));
    return html(reply, error.status, page, cacheControl);
  });

  app.setNotFoundHandler((request, reply) => {
    if (familyOf(request.url) === 'explore') {
      return reply.status(404).send({ error_code: 'NotFoundResource', message: 'The requested resource does not exist.' });
    }
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply.status(404).send({ error: 'not_found', message: `Nothing at ${request.url.split('?')[0]}.` });
    }
    return reply.status(404).type('text/html; charset=utf-8').send(pages.notFound(request));
  });
}
