// One form of address in Dutch: the portal says "u" and "uw" to everyone, never "je", "jij", "jou", "jouw" or "jullie" —
// in every Dutch catalog (pages, mails, letters, the privacy statement's default text), the mail modules and the demo data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { messages } from '../src/i18n/index.ts';

const informal = /\b(je|jij|jou|jouw|jullie)\b/i;
const root = new URL('../', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|json|csv|md)$/.test(name) ? [path] : [];
  });
}

/**
 * A stand-in for any argument a catalog function takes: a text, a number, an object with any field, a function;
 * so a function's sentence can be read without knowing its parameters.
 */
const anything: unknown = new Proxy(function () {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? (hint: string) => (hint === 'number' ? 2 : 'X') : key === 'length' ? 2 : anything),
  apply: () => anything,
});

/** Every text a catalog value holds, with its path: strings, list items, and what its functions return. */
function texts(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    try {
      const result = (value as (...args: unknown[]) => unknown)(...Array(Math.max(value.length, 3)).fill(anything));
      return typeof result === 'string' ? [[path, result]] : texts(result, path);
    } catch {
      return []; // the source scan below reads it
    }
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => texts(v, `${path}.${key}`));
  return [];
}

test('every Dutch catalog text addresses the reader with u/uw', () => {
  const all = texts(messages('nl'), 'nl');
  assert.ok(all.length > 1000, `read ${all.length} texts`);
  assert.ok(all.some(([path]) => path.startsWith('nl.mail.')) && all.some(([path]) => path.startsWith('nl.privacyStatement.')), 'mails and the statement are read');
  const found = all.filter(([, text]) => informal.test(text));
  assert.deepEqual(found, []);
  assert.ok(texts({ a: (n: string) => `Met Tab ga ${n} langs de groepen`, b: 'Kies uw taal' }, 't').length === 2, 'the walk reads functions too');
});

test('no Dutch catalog, mail module or demo file says je, jij, jou, jouw or jullie', () => {
  const sources = [
    ...files(join(root, 'src/i18n/nl')),
    ...files(join(root, 'src')).filter((file) => /(^|\/)mail[^/]*\.ts$/.test(relative(root, file)) || /\/mail\//.test(file)).filter((file) => !file.includes('/i18n/en/')),
    ...files(join(root, 'src/demo')),
    ...files(join(root, 'scripts/demo')),
  ];
  assert.ok(sources.some((f) => f.endsWith('src/i18n/nl/mail.ts')) && sources.some((f) => f.endsWith('src/privacy/cases/mail.ts')) && sources.some((f) => f.endsWith('src/i18n/nl/privacy-statement.ts')));
  const found = sources.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (informal.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
  assert.deepEqual(found, []);
  assert.ok(informal.test('Met Tab ga je langs de groepen') && informal.test('Jullie gegevens') && !informal.test('Uw gegevens, jeugd, bijou'), 'the pattern sees what it looks for');
});
