// Search terms are kept normalised, and never when they can only name or reach a person (an e-mail or IP address, a
// phone or national register number): such a search counts under "other" without its text, from the first moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseTerm } from '../../src/stats/classify.ts';

test('a search term is normalised: case, spaces, Unicode form, at most 100 characters', () => {
  assert.equal(normaliseTerm('  Fietspaden   GENT '), 'fietspaden gent');
  assert.equal(normaliseTerm('Cafe\u0301'), 'café');
  assert.equal(normaliseTerm('x'.repeat(150)).length, 100);
});

test('a term that holds an address or a personal number is not kept; years and ordinary numbers are', () => {
  for (const personal of ['jan.peeters@example.org', 'mail An.Peeters@vlaanderen.be please', '192.168.1.20', 'fe80::1', '2001:db8::1', '0475 12 34 56', '+32 475 12 34 56', '85.07.30-033.28', '85073003328']) {
    assert.equal(normaliseTerm(personal), '', personal);
  }
  for (const kept of ['werkloosheid 2024', 'co2 uitstoot 2019-2023', 'postcode 9000', 'bevolking 1990 2000 2010 2020', 'top 100']) {
    assert.equal(normaliseTerm(kept), kept, kept);
  }
});
