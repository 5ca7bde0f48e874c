// An OpenAPI 3.1 document generated from the routes a context registers: their schemas (params, querystring, body) are what they validate with.
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

/** The schema keys a route may carry; Fastify validates the first three, the rest only documents. */
interface RouteSchema {
  summary?: string;
  description?: string;
  params?: Schema;
  querystring?: Schema;
  body?: Schema;
  /** Media types of a body that is not JSON (a file), documented as binary. */
  consumes?: readonly string[];
}

declare module 'fastify' {
  /** What a route's schema says besides what it validates: only documented. */
  interface FastifySchema {
    summary?: string;
    description?: string;
    consumes?: readonly string[];
  }
  interface FastifyContextConfig {
    /** The permission the route's guard checks. */
    permission?: string;
    /** Successful answers by status. */
    answers?: Record<number, string>;
  }
}

/** What the route config adds to a document: the permission its guard checks and its successful answers. */
interface RouteDocumentation {
  permission?: string;
  answers?: Record<number, string>;
}

interface DocumentedRoute {
  method: string;
  /** The path under the document's server, with OpenAPI's `{name}` parameters. */
  path: string;
  schema: RouteSchema;
  documentation: RouteDocumentation;
}

/** Collects every route registered from here on under `prefix` (HEAD twins and `except` left out). */
export function collectRoutes(app: FastifyInstance, prefix: string, except: string[] = []): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return;
    const path = route.url.slice(prefix.length).replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}') || '/';
    if (except.includes(path)) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method: method.toLowerCase(), path, schema: (route.schema ?? {}) as RouteSchema, documentation: (route.config ?? {}) as RouteDocumentation });
    }
  });
  return routes;
}

const properties = (schema: Schema | undefined) => Object.entries((schema?.properties ?? {}) as Record<string, Schema>);
const isRequired = (schema: Schema | undefined, name: string) => Array.isArray(schema?.required) && (schema.required as string[]).includes(name);

function parameters(route: DocumentedRoute): Schema[] {
  const { params, querystring } = route.schema;
  const of = (where: 'path' | 'query', schema: Schema | undefined) =>
    properties(schema).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || isRequired(schema, name),
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
      schema: property,
    }));
  return [...of('path', params), ...of('query', querystring)];
}

function requestBody(schema: RouteSchema): Schema | undefined {
  if (schema.body) return { required: true, content: { 'application/json': { schema: schema.body } } };
  if (!schema.consumes) return undefined;
  const file = { type: 'string', contentMediaType: 'application/octet-stream' };
  const content = Object.fromEntries(
    schema.consumes.map((type) => [type, { schema: type === 'multipart/form-data' ? { type: 'object', properties: { file } } : file }]),
  );
  return { required: true, content };
}

interface DocumentInfo {
  title: string;
  version: string;
  description: string;
  /** Where the paths start, e.g. `/api/opaal/v1`. */
  server: string;
}

/** The document: one operation per route, errors as `{error, message}`, the API key as the one security scheme. */
export function openApiDocument(routes: readonly DocumentedRoute[], info: DocumentInfo) {
  const error = { description: 'Refused: `{error, message}`; `message` says what to fix.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const { summary, description } = route.schema;
    const { permission, answers = { 200: 'OK' } } = route.documentation;
    const body = requestBody(route.schema);
    const responses: Record<string, unknown> = Object.fromEntries(Object.entries(answers).map(([status, text]) => [status, { description: text }]));
    for (const status of [400, ...(permission ? [401, 403] : []), 404]) responses[status] = error;
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      ...(summary ? { summary } : {}),
      ...(description ? { description } : {}),
      parameters: parameters(route),
      ...(body ? { requestBody: body } : {}),
      responses,
      ...(permission ? { security: [{ apikey: [] }], 'x-permission': permission } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.server }],
    paths,
    components: {
      securitySchemes: { apikey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'An API key: `Authorization: Apikey <key>`.' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' }, reason: { type: 'string' }, file: { type: 'string' }, line: { type: 'integer' } },
        },
      },
    },
  };
}
