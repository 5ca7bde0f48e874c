// Form bodies by schema: each field a string (or a list) of bounded length, refused by the route itself with the form's own page.
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { FormFieldInvalid, Invalid } from '../errors.ts';
import { one } from './params.ts';
import { label, telling, type SchemaProblem } from './validation.ts';

/** A posted form's value as @fastify/formbody gives it: a string, or a list for a repeated name. */
const formValue = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Array(Type.String({ maxLength }), { maxItems: 1000 })]);

/**
 * A form body: each known field bounded in length, any other (a field per column, `_csrf`) bounded by `others`.
 * Required fields and what a value means stay with the page: a missing one gets the page's own message.
 */
export function formBody(fields: Record<string, number>, others = 10_000) {
  const properties = Object.fromEntries(Object.entries(fields).map(([name, maxLength]) => [name, Type.Optional(formValue(maxLength))]));
  return Type.Object(properties, { additionalProperties: formValue(others), maxProperties: 5000 });
}

/** The form's refusal by its schema, if any: for the route to render its page with, as it renders a domain refusal. */
export function formProblem(request: FastifyRequest): FormFieldInvalid | null {
  const error = request.validationError as (Error & { validation?: SchemaProblem[] }) | undefined;
  if (!error) return null;
  const problem = error.validation ? telling(error.validation) : undefined;
  const unknown = (problem?.params.additionalProperties as string[] | undefined)?.[0];
  const field = label(problem?.instancePath ?? '').replace(/\[\d+\]$/, '') || unknown || '';
  return new FormFieldInvalid(field, error.message);
}

/** A form route's options: its body schema, checked before the hooks but refused by the route itself (`refuseForm`), after its guard. */
export const formSchema = (body: object) => ({ schema: { body }, attachValidation: true });

/** In a form route, where it catches domain refusals to show the form again: throws the schema's refusal, if any. */
export function refuseForm(request: FastifyRequest): void {
  const problem = formProblem(request);
  if (problem) throw problem;
}

/**
 * A destructive form's tick (`ConfirmField`, `confirm=yes`). The browser asks for it (`required`); the server asks
 * too, so a request without it (a script, an old page) changes nothing and says why.
 */
export function requireConfirmed(body: unknown): void {
  if (one(body, 'confirm') !== 'yes') throw new Invalid('Tick the box to confirm this action first; nothing was changed.', 'confirm_required');
}
