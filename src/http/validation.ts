// Request validation by JSON Schema (TypeBox): strict (no coercion, nothing removed), answering 400 with one message that names the field.
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { Compile } from 'typebox/compile';

type Schema = Record<string, unknown>;

/** One problem as TypeBox (and Ajv) report it. */
export interface SchemaProblem {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** A refused request part; carries `statusCode` and `validation` as Fastify's own validation errors do. */
class ValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  constructor(
    message: string,
    readonly validation: SchemaProblem[],
    readonly validationContext: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

function at(schema: Schema, pointer: string): Schema {
  let node: unknown = schema;
  for (const token of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[unescape(token)];
  return (node ?? {}) as Schema;
}

/** `/fields/0/name` as people write it: `fields[0].name`. */
export function label(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map(unescape)
    .reduce((out, token) => (/^\d+$/.test(token) ? `${out}[${token}]` : out ? `${out}.${token}` : token), '');
}

/** What a schema accepts, in words: "a string", "true or false", "a string or an object". */
function expected(schema: Schema): string {
  if (Array.isArray(schema.anyOf)) {
    const names = [...new Set((schema.anyOf as Schema[]).map(expected))];
    return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  }
  if ('const' in schema) return String(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  const name: Record<string, string> = { string: 'a string', object: 'an object', array: 'a list', integer: 'a whole number', number: 'a number', boolean: 'true or false', null: 'null' };
  return name[String(schema.type)] ?? 'something else';
}

const depth = (problem: SchemaProblem) => problem.instancePath.split('/').length - (problem.keyword === 'boolean' ? 1 : 0);

/** The one problem to name: the deepest; there, a branch's own problem before "none of the types". */
export function telling(problems: SchemaProblem[]): SchemaProblem {
  const deepest = Math.max(...problems.map(depth));
  const here = problems.filter((p) => depth(p) === deepest && p.keyword !== 'boolean');
  return here.find((p) => !['type', 'anyOf', 'const'].includes(p.keyword)) ?? here.find((p) => p.keyword === 'anyOf') ?? here[0] ?? problems[0];
}

/** A message that names the field and says what it must be, in the style of the domain's own messages. */
function describeProblems(schema: Schema, problems: SchemaProblem[], part: string): string {
  const problem = telling(problems);
  const noun = typeof schema.title === 'string' ? `${schema.title[0].toUpperCase()}${schema.title.slice(1)} ` : '';
  const where = label(problem.instancePath);
  const node = at(schema, problem.schemaPath);
  if (where === '' && ['type', 'anyOf'].includes(problem.keyword) && part === 'body') return 'Send a JSON object with Content-Type: application/json.';
  const name = (key: string) => `"${where ? `${where}.${key}` : key}"`;
  switch (problem.keyword) {
    case 'additionalProperties': {
      const unknown = (problem.params.additionalProperties as string[] | undefined)?.[0] ?? '';
      const known = Object.keys((node.properties as Schema | undefined) ?? {});
      const owner = typeof node.title === 'string' ? `${node.title} ` : noun.toLowerCase();
      return `Unknown ${owner}${name(unknown)}${known.length ? `; known are: ${known.join(', ')}` : ''}.`;
    }
    case 'required': {
      const missing = (problem.params.requiredProperties as string[] | undefined) ?? [];
      const keys = Array.isArray(node.required) ? (node.required as string[]).filter((k) => missing.includes(k)) : missing;
      return `${noun}${name(keys[0] ?? missing[0] ?? '')} is required.`;
    }
    case 'maxLength':
      return `${noun}"${where}" must be at most ${problem.params.limit} characters.`;
    case 'minLength':
      return problem.params.limit === 1 ? `${noun}"${where}" must not be empty.` : `${noun}"${where}" must be at least ${problem.params.limit} characters.`;
    case 'minProperties': {
      const known = Object.keys((node.properties as Schema | undefined) ?? {});
      return `${noun}"${where}" must have at least ${problem.params.limit === 1 ? 'one' : problem.params.limit} of: ${known.join(', ')}.`;
    }
    case 'maxItems':
      return `${noun}"${where}" must hold at most ${problem.params.limit} items.`;
    case 'pattern':
      return `${noun}"${where}" is not valid${typeof node.description === 'string' ? `: ${node.description}` : ''}.`;
    default:
      return `${noun}"${where}" must be ${expected(node)}.`;
  }
}

/** Compiles a route's schema with TypeBox: values are checked as sent, never converted or pruned. */
const schemaValidator: FastifySchemaCompiler<Schema> = ({ schema, httpPart }) => {
  const check = Compile(schema as Parameters<typeof Compile>[0]);
  return (value: unknown) => {
    if (check.Check(value)) return { value };
    const problems = check.Errors(value) as unknown as SchemaProblem[];
    return { error: new ValidationError(describeProblems(schema, problems, httpPart ?? 'body'), problems, httpPart ?? 'body') };
  };
};

/** Routes of this context (and its children) validate with TypeBox, as above. */
export function useSchemaValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(schemaValidator);
}

/**
 * A preHandler after the guards: with `attachValidation`, a route's schema is checked before its hooks but refused only here,
 * so that a request without permission or CSRF token is refused for that first, as when handlers checked bodies themselves.
 */
export async function refuseInvalid(request: FastifyRequest): Promise<void> {
  if (request.validationError) throw request.validationError;
}
