// i18n in one mechanism: every user-facing text is in the catalogs of src/i18n/<language>/, no other module switches
// on a language or writes its own {nl, en} texts, and every language has the same catalogs and keys, so a third
// language is one new folder of catalogs and its entry in `languages`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { languages, locales, messages } from '../src/i18n/index.ts';

const src = new URL('../src/', import.meta.url).pathname;
const i18n = join(src, 'i18n');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const outsideI18n = () => sources(src).filter((file) => !file.startsWith(`${i18n}/`));

/**
 * Files that may hold per-language data that is not one of the portal's texts, each for a reason. Nothing else may.
 */
const allowed: Record<string, string> = {
  // ODSQL's day and month names for date_format(): the Explore API's `lang` takes Opendatasoft's languages (fr, de, …),
  // not the portal's, and odsql imports nothing outside itself.
  'odsql/compile/date-format.ts': 'query-language data',
  // The EU authority codes of languages (nl → NLD) for DCAT: identifiers, not texts.
  'dcat/vocabulary.ts': 'language codes',
};

const lang = String.raw`(?:'(?:${languages.join('|')})'|"(?:${languages.join('|')})")`;
/** `x === 'nl'`, `'en' !== x`: a choice between languages written out by hand. */
const languageSwitch = new RegExp(String.raw`[!=]==\s*${lang}|${lang}\s*[!=]==`);
/**
 * `nl: 'text'`, `en: \`text\``, `nl: ['…']`, `nl: (p) => …`, or `nl: {` / `nl: [` ending a line: a text (or a block of
 * them) in one language written beside its translations.
 */
const textRecord = new RegExp(String.raw`(?<![\w."'])(?:${languages.join('|')})\s*:\s*(?:['"\`]|\[\s*['"\`]|\([^)]*\)\s*=>|[[{]\s*$)`);

function offending(pattern: RegExp): string[] {
  return outsideI18n().flatMap((file) => {
    const name = relative(src, file);
    if (name in allowed) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) && !line.trimStart().startsWith('//') ? [`${name}:${i + 1}: ${line.trim()}`] : []));
  });
}

test('no module outside src/i18n switches on a language by hand', () => {
  assert.deepEqual(offending(languageSwitch), []);
});

test('no module outside src/i18n writes its own texts per language', () => {
  assert.deepEqual(offending(textRecord), []);
});

test('the checks see what they look for', () => {
  assert.ok(languageSwitch.test("subject: lang === 'nl' ? 'Beste' : 'Dear',"));
  assert.ok(languageSwitch.test("return 'en' !== c.language;"));
  assert.ok(textRecord.test("  consent: { article: 'Art. 6(1)(a)', nl: 'toestemming', en: 'consent' },"));
  assert.ok(textRecord.test('const sign = { nl: (portal: string) => `Met vriendelijke groet,\\n${portal}` };'));
  assert.ok(textRecord.test("  nl: ['het logboek', 'het bewijs'],"));
  assert.ok(textRecord.test('const words = {\n  nl: {'.split('\n')[1]));
  assert.ok(!textRecord.test("title: { nl: text(key, v) },"), 'values read from data are no texts');
  assert.ok(!textRecord.test('"title": {"nl": "Steden"}'), 'JSON in a message is no record');
  for (const file of Object.keys(allowed)) assert.ok(statSync(join(src, file)).isFile(), `allowed file ${file} exists`);
});

test('src/i18n imports nothing outside itself: domains and pages alike build on it', () => {
  const escapes = sources(i18n).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    return specifiers.filter((s) => !s.startsWith('.') || !resolve(dirname(file), s).startsWith(`${i18n}/`)).map((s) => `${relative(src, file)} → ${s}`);
  });
  assert.deepEqual(escapes, []);
});

const folders = () => readdirSync(i18n).filter((name) => statSync(join(i18n, name)).isDirectory()).sort();
const catalogFiles = (folder: string) => sources(join(i18n, folder)).map((file) => relative(join(i18n, folder), file)).sort();

test('every language is one folder of catalogs, with the same files, and has a locale', () => {
  assert.deepEqual(folders(), [...languages].sort());
  const [first, ...others] = languages;
  for (const other of others) assert.deepEqual(catalogFiles(other), catalogFiles(first), `${other} has the catalogs ${first} has`);
  for (const language of languages) assert.match(locales[language], new RegExp(`^${language}-[A-Z]{2}$`));
});

/** Where two catalogs differ in shape: a key one lacks, a list of another length, a text where the other has a function. */
function shapeDifferences(a: unknown, b: unknown, path: string): string[] {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return [`${path}: ${typeof a} vs ${typeof b}`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} items vs ${b.length}`];
    return a.flatMap((item, i) => shapeDifferences(item, b[i], `${path}[${i}]`));
  }
  if (typeof a === 'function' && typeof b === 'function') return a.length === b.length ? [] : [`${path}: ${a.length} parameters vs ${b.length}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      key in a && key in b
        ? shapeDifferences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`)
        : [`${path}.${key}: only in ${key in a ? 'the first' : 'the second'}`],
    );
  }
  return [];
}

test('every language has the same keys, lists and functions as the default catalog', () => {
  const [first, ...others] = languages;
  for (const other of others) assert.deepEqual(shapeDifferences(messages(first), messages(other), other), []);
  assert.deepEqual(shapeDifferences({ a: ['x'] }, { a: ['x', 'y'] }, 'probe'), ['probe.a: 1 items vs 2'], 'the comparison sees a difference');
});
