// The ODSQL parser: the conformance texts, precedence, clause items and errors that say where and what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expression } from '../../src/odsql/ast.ts';
import { OdsqlError } from '../../src/odsql/errors.ts';
import { parseExpression, parseGroupBy, parseOrderBy, parseSelect, parseWhere } from '../../src/odsql/parser.ts';

/** The tree without `position` and `text`, to compare shapes rather than offsets. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'position' && k !== 'text').map(([k, v]) => [k, strip(v)]));
}

// Builders for expected trees, without positions: the tests compare against stripped parses.
const f = (name: string) => ({ kind: 'field', name });
const s = (value: string) => ({ kind: 'string', value });
const n = (value: number, raw = String(value)) => ({ kind: 'number', value, raw });
const bin = (operator: string, left: unknown, right: unknown) => ({ kind: 'binary', operator, left, right });
const not = (operand: unknown) => ({ kind: 'unary', operator: 'not', operand });
const neg = (operand: unknown) => ({ kind: 'unary', operator: '-', operand });
const call = (name: string, args: unknown[], extra: object = {}) => ({ kind: 'call', name, args, named: [], distinct: false, ...extra });
const star = { kind: 'star' };
const where = (text: string) => strip(parseWhere(text));

function refuses(parse: () => unknown, position: number, message: RegExp, clause = 'where'): void {
  assert.throws(parse, (error: unknown) => {
    assert.ok(error instanceof OdsqlError, `an OdsqlError, not ${String(error)}`);
    assert.equal(error.code, 'invalid');
    assert.equal(error.clause, clause);
    assert.match(error.message, message);
    assert.equal(error.position, position, error.message);
    return true;
  });
}

test('parses every where text of the conformance queries', () => {
  const texts = [
    'population > 1500000', 'country = "DE"', 'country = "de"', "`country`='DE'",
    'country = "FR" OR country = "ES" AND capital is true', '(country = "FR" OR country = "ES") AND capital',
    'country IN ("DE","ES") AND NOT capital', 'capital is false', 'area_km2 IN [100..300]', 'area_km2 IN ]101.9..240.6[',
    'population is null', 'tags is null', 'census_date is not null', '"tourism"', '"TOURISM" AND NOT "port"', '"hamburg"',
    'tourism', 'startswith(name, "Ma")', 'suggest("munic")', 'search(name, "sain mal")',
    "census_date >= date'2021-01-01' AND census_date < date'2022-01-01'", 'year(census_date) = 2021', 'name="Berlin"',
    "updated_at < date'2024-01-01'", "updated_at >= date'2024-01-01'",
    "within_distance(location, geom'POINT(2.3522 48.8566)', 500km)", 'in_bbox(location, 48, -3, 44, 6)', 'country="ES"',
    'capital', 'nosuchfield = 1', 'search("cities")', 'search("observations") and has_records=true',
    // §4 examples
    "date_format(f,'dd') = '08'", 'length(f) > 3', "lower(f) = 'jazz'", 'f >= now(days=-7)', "country_code:'FR'",
    "date_field IN [date'2017'..date'2018']", 'search(*, "text")', '"tree" AND NOT "cat"', 'distance(geo, geom, 1km)',
    "geometry(g, geom'POINT(1 1)', INTERSECTS)", "intersects(geo, geom'{\"type\": \"Point\", \"coordinates\": [1, 2]}')",
  ];
  for (const text of texts) assert.doesNotThrow(() => parseWhere(text), text);
});

test('reads the conformance where clauses into the expected trees', () => {
  assert.deepEqual(where('population > 1500000'), bin('>', f('population'), n(1500000)));
  assert.deepEqual(where("`country`='DE'"), bin('=', f('country'), s('DE')));
  assert.deepEqual(
    where('country IN ("DE","ES") AND NOT capital'),
    bin('and', { kind: 'in_list', operand: f('country'), values: [s('DE'), s('ES')] }, not(f('capital'))),
  );
  assert.deepEqual(where('area_km2 IN ]101.9..240.6['), {
    kind: 'in_range', operand: f('area_km2'), low: n(101.9), high: n(240.6), lowInclusive: false, highInclusive: false,
  });
  assert.deepEqual(where('census_date is not null'), { kind: 'is_null', operand: f('census_date'), negated: true });
  assert.deepEqual(where('capital is true'), { kind: 'is_boolean', operand: f('capital'), value: true, negated: false });
  assert.deepEqual(where('"TOURISM" AND NOT "port"'), bin('and', s('TOURISM'), not(s('port'))));
  assert.deepEqual(where('tourism'), f('tourism'));
  assert.deepEqual(
    where("within_distance(location, geom'POINT(2.3522 48.8566)', 500km)"),
    call('within_distance', [f('location'), { kind: 'geometry', value: 'POINT(2.3522 48.8566)' }, { kind: 'distance', value: 500, unit: 'km' }]),
  );
  assert.deepEqual(where('in_bbox(location, 48, -3, 44, 6)'), call('in_bbox', [f('location'), n(48), neg(n(3)), n(44), n(6)]));
  assert.deepEqual(where("census_date >= date'2021-01-01'"), bin('>=', f('census_date'), { kind: 'date', value: '2021-01-01' }));
});

test('binds AND tighter than OR, and NOT looser than comparisons', () => {
  assert.deepEqual(where('a or b and c'), bin('or', f('a'), bin('and', f('b'), f('c'))));
  assert.deepEqual(where('a and b or c'), bin('or', bin('and', f('a'), f('b')), f('c')));
  assert.deepEqual(
    where('country = "FR" OR country = "ES" AND capital is true'),
    bin('or', bin('=', f('country'), s('FR')), bin('and', bin('=', f('country'), s('ES')), { kind: 'is_boolean', operand: f('capital'), value: true, negated: false })),
  );
  assert.deepEqual(where('NOT population > 5'), not(bin('>', f('population'), n(5))));
  assert.deepEqual(where('not a and b'), bin('and', not(f('a')), f('b')));
  assert.deepEqual(where('not not a'), not(not(f('a'))));
  assert.deepEqual(where('(a or b) and c'), bin('and', bin('or', f('a'), f('b')), f('c')));
});

test('binds arithmetic as usual: unary minus, then * /, then + -, all left to right', () => {
  assert.deepEqual(where('a + b * c'), bin('+', f('a'), bin('*', f('b'), f('c'))));
  assert.deepEqual(where('a - b - c'), bin('-', bin('-', f('a'), f('b')), f('c')));
  assert.deepEqual(where('a / b * c'), bin('*', bin('/', f('a'), f('b')), f('c')));
  assert.deepEqual(where('-a * b'), bin('*', neg(f('a')), f('b')));
  assert.deepEqual(where('(a + b) * c > 5 + 1'), bin('>', bin('*', bin('+', f('a'), f('b')), f('c')), bin('+', n(5), n(1))));
  assert.deepEqual(where('a = - -1'), bin('=', f('a'), neg(neg(n(1)))));
});

test('reads the legacy and alternative operators', () => {
  assert.deepEqual(where("country_code:'FR'"), bin('=', f('country_code'), s('FR')));
  assert.deepEqual(where('a <> 1'), bin('!=', f('a'), n(1)));
  assert.deepEqual(where('a != 1'), bin('!=', f('a'), n(1)));
  assert.deepEqual(where('a <= 1 and b >= 2'), bin('and', bin('<=', f('a'), n(1)), bin('>=', f('b'), n(2))));
});

test('reads ranges with either separator and each inclusivity', () => {
  const range = (text: string) => where(text) as { lowInclusive: boolean; highInclusive: boolean; low: unknown; high: unknown };
  assert.deepEqual([range('x IN [1..2]').lowInclusive, range('x IN [1..2]').highInclusive], [true, true]);
  assert.deepEqual([range('x IN ]1..2[').lowInclusive, range('x IN ]1..2[').highInclusive], [false, false]);
  assert.deepEqual([range('x in [1 TO 2[').lowInclusive, range('x in [1 to 2[').highInclusive], [true, false]);
  assert.deepEqual(range("d IN [date'2017'..date'2018']").low, { kind: 'date', value: '2017' });
  assert.deepEqual(range('x IN [-5..5]').low, neg(n(5)));
});

test('reads "x" IN field as a list whose operand is the literal and whose single value is the field', () => {
  assert.deepEqual(where('"port" IN tags'), { kind: 'in_list', operand: s('port'), values: [f('tags')] });
  assert.deepEqual(where('"port" IN `tags`'), { kind: 'in_list', operand: s('port'), values: [f('tags')] });
});

test('reads LIKE, IS NOT and bare values as conditions', () => {
  assert.deepEqual(where('name LIKE "par"'), { kind: 'like', operand: f('name'), pattern: s('par') });
  assert.deepEqual(where('capital IS NOT FALSE'), { kind: 'is_boolean', operand: f('capital'), value: false, negated: true });
  assert.deepEqual(where('x = null or y = TRUE'), bin('or', bin('=', f('x'), { kind: 'null' }), bin('=', f('y'), { kind: 'boolean', value: true })));
});

test('reads calls: lower-cased names, star, distinct, named arguments, distances and intervals', () => {
  assert.deepEqual(where('COUNT(*) > 1'), bin('>', call('count', [star]), n(1)));
  assert.deepEqual(where('count(DISTINCT country) = 3'), bin('=', call('count', [f('country')], { distinct: true }), n(3)));
  assert.deepEqual(
    where('a >= now(days=-7, Hour=3)'),
    bin('>=', f('a'), call('now', [], { named: [{ name: 'days', value: neg(n(7)) }, { name: 'hour', value: n(3) }] })),
  );
  assert.deepEqual(where('f() = 1'), bin('=', call('f', []), n(1)));
  assert.deepEqual(where('w(a, b, 10 km)'), call('w', [f('a'), f('b'), { kind: 'distance', value: 10, unit: 'km' }]));
  assert.deepEqual(where('w(a, b, 1.5MI)'), call('w', [f('a'), f('b'), { kind: 'distance', value: 1.5, unit: 'mi' }]));
  assert.deepEqual(where('f((a = 1), b)'), call('f', [bin('=', f('a'), n(1)), f('b')]));
  assert.deepEqual(where('ifnull(a, "x") = "x"'), bin('=', call('ifnull', [f('a'), s('x')]), s('x')));
});

test('parses every select text of the conformance queries', () => {
  const items = strip(parseSelect('name, population / area_km2 as density, length(name) as len, lower(country) as cc'));
  assert.deepEqual(items, [
    { kind: 'select_expression', expression: f('name'), alias: null },
    { kind: 'select_expression', expression: bin('/', f('population'), f('area_km2')), alias: 'density' },
    { kind: 'select_expression', expression: call('length', [f('name')]), alias: 'len' },
    { kind: 'select_expression', expression: call('lower', [f('country')]), alias: 'cc' },
  ]);
  assert.deepEqual(strip(parseSelect('exclude(tags),exclude(location)')), [
    { kind: 'exclude', patterns: ['tags'] },
    { kind: 'exclude', patterns: ['location'] },
  ]);
  const aggregates = parseSelect(
    'count(*) as n, sum(population) as total, avg(population) as mean, min(census_date) as first, max(area_km2) as biggest, count(distinct country) as nc',
  );
  assert.deepEqual(aggregates.map((i) => (i.kind === 'select_expression' ? [i.alias, i.text] : null)), [
    ['n', 'count(*)'], ['total', 'sum(population)'], ['mean', 'avg(population)'], ['first', 'min(census_date)'],
    ['biggest', 'max(area_km2)'], ['nc', 'count(distinct country)'],
  ]);
  for (const text of [
    'name', 'name,population', 'country, count(*) as n, sum(population) as pop', 'avg(area_km2) as avg_area',
    "date_format(updated_at, 'EEEE') as d", "name, distance(location, geom'POINT(2.3522 48.8566)') as d",
    'name,census_date', 'dataset_id,title', 'size * 2 as bigger_size', 'field1 AS my_field, field2', 'updated_at',
  ]) {
    assert.doesNotThrow(() => parseSelect(text), text);
  }
});

test('keeps each select item\'s trimmed source text, without its alias, and its position', () => {
  const [first, second, third] = parseSelect('  year(date)  ,population / area_km2 AS `density`, *');
  assert.deepEqual(first, {
    kind: 'select_expression', position: 2, text: 'year(date)', alias: null,
    expression: { kind: 'call', name: 'year', args: [{ kind: 'field', name: 'date', position: 7 }], named: [], distinct: false, position: 2 },
  });
  assert.ok(second.kind === 'select_expression');
  assert.deepEqual([second.text, second.alias, second.position], ['population / area_km2', 'density', 15]);
  assert.deepEqual(third, { kind: 'select_all', position: 51 });
});

test('keys a lone field by its name, back-quoted or not, as the JS client writes every field', () => {
  assert.deepEqual(parseSelect('`name`, (`12`), count(`name`)').map((i) => (i.kind === 'select_expression' ? i.text : null)), ['name', '12', 'count(`name`)']);
  assert.deepEqual(parseGroupBy('`country` as c').map((i) => i.text), ['country']);
  assert.deepEqual(parseOrderBy('`population` desc, -`area`').map((i) => i.text), ['population', 'area']);
});

test('reads include and exclude patterns with a trailing star', () => {
  assert.deepEqual(strip(parseSelect('include(geo_*, name), exclude(`12`*)')), [
    { kind: 'include', patterns: ['geo_*', 'name'] },
    { kind: 'exclude', patterns: ['12*'] },
  ]);
});

test('parses every group_by text of the conformance queries and the reference', () => {
  assert.deepEqual(strip(parseGroupBy('year(updated_at) as y')), [{ expression: call('year', [f('updated_at')]), alias: 'y' }]);
  assert.deepEqual(strip(parseGroupBy('range(population, *, 1000000, 2000000, *) as b')), [
    { expression: call('range', [f('population'), star, n(1000000), n(2000000), star]), alias: 'b' },
  ]);
  const intervals = parseGroupBy('range(d, 1 day), range(d, 2h), range(d, 5 m), range(d, 1 M)');
  assert.deepEqual(intervals.map((i) => (i.expression.kind === 'call' ? strip(i.expression.args[1]) : null)), [
    { kind: 'interval', value: 1, unit: 'day' },
    { kind: 'interval', value: 2, unit: 'h' },
    { kind: 'interval', value: 5, unit: 'm' },
    { kind: 'interval', value: 1, unit: 'M' },
  ]);
  assert.deepEqual(strip(parseGroupBy('geo_cluster(location, 5, radius=40)')), [
    { expression: call('geo_cluster', [f('location'), n(5)], { named: [{ name: 'radius', value: n(40) }] }), alias: null },
  ]);
  const [month] = parseGroupBy("date_format(updated_at, 'yyyy-MM') as month");
  assert.deepEqual([month.text, month.alias], ["date_format(updated_at, 'yyyy-MM')", 'month']);
  for (const text of ['country', 'census_date', 'theme', 'range(f, 5)', "range(d, *, date'2020-11-13', date'2021-01-01')", "ifnull(f, 'x'), lower(f)"]) {
    assert.doesNotThrow(() => parseGroupBy(text), text);
  }
});

test('parses every order_by text, with directions and the -field shorthand', () => {
  const order = (text: string) => parseOrderBy(text).map((i) => [i.text, i.direction]);
  assert.deepEqual(order('population desc'), [['population', 'desc']]);
  assert.deepEqual(order('population ASC'), [['population', 'asc']]);
  assert.deepEqual(order('avg(area_km2) desc, name'), [['avg(area_km2)', 'desc'], ['name', 'asc']]);
  assert.deepEqual(order('count(*) DESC'), [['count(*)', 'desc']]);
  assert.deepEqual(order('-population, name'), [['population', 'desc'], ['name', 'asc']]);
  assert.deepEqual(strip(parseOrderBy('-population')), [{ expression: f('population'), direction: 'desc' }]);
  assert.deepEqual(parseOrderBy(' -population')[0].position, 1);
  // Not the shorthand: arithmetic on a negated field.
  assert.deepEqual(strip(parseOrderBy('-population * 2')), [{ expression: bin('*', neg(f('population')), n(2)), direction: 'asc' }]);
  for (const text of ['name', 'area_km2', 'country, avg(area_km2)', 'avg_area desc', 'y', 'month', 'd', 'modified desc', 'random(1)', 'avg(age), gender']) {
    assert.doesNotThrow(() => parseOrderBy(text), text);
  }
});

test('parses any single-expression clause under its own name', () => {
  assert.deepEqual(strip(parseExpression('a = 1', 'refine')), bin('=', f('a'), n(1)));
  refuses(() => parseExpression('a =', 'refine'), 3, /in refine/, 'refine');
});

test('says where a condition stops short and what was expected', () => {
  refuses(() => parseWhere('population >'), 12, /^Expected a value after ">" at position 12 in where, found the end of the text\.$/);
  refuses(() => parseWhere('a and'), 5, /Expected a value after the keyword AND/);
  refuses(() => parseWhere('a = = 5'), 4, /Expected a value after "=" at position 4 in where, found "="/);
  refuses(() => parseWhere('* = 1'), 0, /Expected a value at position 0 in where, found "\*"/);
  refuses(() => parseWhere('a IN ()'), 6, /Expected a value after "\("/);
  refuses(() => parseWhere('a IN (1,)'), 8, /Expected a value after ","/);
  refuses(() => parseWhere('a IN (1 2)'), 8, /Expected "," or "\)" after "1" at position 8 in where \(to close the list opened at position 5\)/);
  refuses(() => parseWhere('a IN [1..2'), 10, /"\]" or "\[".*to close the range opened at position 5/);
  refuses(() => parseWhere('a IN [1 2]'), 8, /".." or TO/);
  refuses(() => parseWhere('a IN 5'), 5, /a list "\(…\)", a range "\[…\]" or a field name after the keyword IN/);
  refuses(() => parseWhere('a IS 5'), 5, /NULL, TRUE or FALSE after the keyword IS/);
  refuses(() => parseWhere('a IS NOT'), 8, /NULL, TRUE or FALSE after the keyword NOT/);
  refuses(() => parseWhere('a LIKE b'), 7, /a quoted pattern/);
});

test('names unbalanced parentheses and trailing text', () => {
  refuses(() => parseWhere('population > 5)'), 14, /^Unbalanced parenthesis: the "\)" at position 14 in where closes no "\("\.$/);
  refuses(() => parseWhere('(a = 5'), 6, /Expected "\)" after "5" at position 6 in where \(to close the "\(" at position 0\), found the end of the text/);
  refuses(() => parseWhere('((a = 5)'), 8, /to close the "\(" at position 0/);
  refuses(() => parseWhere('a = 5 b'), 6, /Expected an operator, AND, OR or the end of where after "5" at position 6 in where, found "b"/);
  refuses(() => parseWhere('a = 5 "x"'), 6, /found the string "x"/);
});

test('refuses malformed calls where they go wrong', () => {
  refuses(() => parseWhere('f(a,)'), 4, /Expected a value after ","/);
  refuses(() => parseWhere('f(,a)'), 2, /Expected a value after "\("/);
  refuses(() => parseWhere('f(a'), 3, /"," or "\)".*to close f\( at position 1/);
  refuses(() => parseWhere('count(distinct)'), 14, /Expected a value after the keyword DISTINCT/);
  refuses(() => parseWhere('f(a b)'), 4, /"," or "\)"/);
  refuses(() => parseWhere('w(a, 10 km m)'), 8, /"," or "\)"/);
});

test('passes lexer errors through with their position', () => {
  refuses(() => parseWhere('name = "abc'), 7, /Unterminated string starting at position 7/);
  refuses(() => parseSelect('a; b'), 1, /Unexpected character ";"/, 'select');
});

test('refuses empty texts, empty items and trailing commas in each clause', () => {
  refuses(() => parseWhere(''), 0, /The where text is empty/);
  refuses(() => parseSelect('   '), 0, /The select text is empty; expected a field, an expression/, 'select');
  refuses(() => parseGroupBy(''), 0, /The group_by text is empty/, 'group_by');
  refuses(() => parseOrderBy(' '), 0, /The order_by text is empty/, 'order_by');
  refuses(() => parseSelect('a,,b'), 2, /Expected a field, an expression, \*, include\(…\) or exclude\(…\) after ","/, 'select');
  refuses(() => parseSelect('a,'), 2, /found the end of the text/, 'select');
  refuses(() => parseSelect(',a'), 0, /Expected a field/, 'select');
  refuses(() => parseGroupBy('a,'), 2, /to group by after ","/, 'group_by');
  refuses(() => parseOrderBy('a, ,b'), 3, /to sort by/, 'order_by');
});

test('refuses malformed aliases, patterns and directions', () => {
  refuses(() => parseSelect('a as'), 4, /a name for the alias/, 'select');
  refuses(() => parseSelect('a as and'), 5, /back-quote it if it is a reserved word/, 'select');
  refuses(() => parseSelect('count(*) as n extra'), 14, /an operator, AS, "," or the end of select after "n"/, 'select');
  refuses(() => parseSelect('include()'), 8, /a field name or pattern/, 'select');
  refuses(() => parseSelect('include(a b)'), 10, /to close include\( at position 7/, 'select');
  refuses(() => parseSelect('include(a*) as x'), 12, /Expected "," or the end of select after "\)" at position 12 in select \(include\(\) takes no alias\)/, 'select');
  refuses(() => parseSelect('* as x'), 0, /Expected a value/, 'select');
  refuses(() => parseOrderBy('a desc desc'), 7, /ASC, DESC, "," or the end of order_by/, 'order_by');
  refuses(() => parseGroupBy('a as b c'), 7, /AS, "," or the end of group_by/, 'group_by');
});

test('refuses nesting too deep to be real, without running out of stack', () => {
  refuses(() => parseWhere(`${'('.repeat(5000)}a${')'.repeat(5000)}`), 410, /nests more than 410 levels/);
  refuses(() => parseWhere(`${'-'.repeat(5000)}a`), 410, /nests more than/);
  refuses(() => parseWhere(`${'not '.repeat(4000)}a`), 1640, /nests more than/); // within the 16,384 characters of a clause
  refuses(() => parseWhere(`${'f('.repeat(5000)}a${')'.repeat(5000)}`), 820, /nests more than/);
  refuses(() => parseWhere(Array(1500).fill('a = 1').join(' or ')), 0, /too complex \(more than 200 levels\)/);
  assert.equal((parseWhere(Array(150).fill('a = 1').join(' or ')) as Expression).kind, 'binary');
});
