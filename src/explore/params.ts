// Parsing of the Explore API's shared query parameters, with ODS's limits and messages.
import type { Language } from '../catalog/types.ts';
import { InvalidRestParameter } from './errors.ts';

type Query = Record<string, string | string[] | undefined>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function integer(query: Query, name: string, fallback: number, min: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?[0-9]+$/.test(raw.trim())) {
    throw new InvalidRestParameter(`Invalid value for ${name} API parameter: ${raw} was found but an integer is expected.`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new InvalidRestParameter(
      `Invalid value for ${name} API parameter: ${raw} was found but ${min} <= ${name} <= ${max} is expected.`,
    );
  }
  return value;
}

export const odsLanguages = ['en', 'fr', 'nl', 'pt', 'it', 'ar', 'de', 'es', 'ca', 'eu', 'sv'] as const;

export function paging(query: Query, maxWindow = 10_000): { limit: number; offset: number } {
  let limit = integer(query, 'limit', 10, -1, 100);
  if (limit === -1) limit = 100;
  const offset = integer(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (offset + limit > maxWindow) {
    throw new InvalidRestParameter(
      `Invalid value for offset API parameter: ${offset} was found but offset + limit <= ${maxWindow} is expected.`,
    );
  }
  return { limit, offset };
}

/** The portal's languages are nl and en; other ODS languages are accepted and fall back to the default. */
export function language(query: Query, fallback: Language): Language {
  const raw = single(query, 'lang');
  if (raw === undefined || raw === '') return fallback;
  if (!(odsLanguages as readonly string[]).includes(raw)) {
    throw new InvalidRestParameter(
      `Invalid value for lang API parameter: ${raw} was found but one of ${odsLanguages.join(', ')} is expected.`,
    );
  }
  return raw === 'en' || raw === 'nl' ? raw : fallback;
}
