// What people write is shown as Markdown and never as live markup: XSS payloads come out inert, links are marked as
// user content and only http(s) and mailto are links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Markdown, markdownHtml } from '../../src/web/markdown.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';

test('every payload comes out inert', () => {
  for (const payload of xssPayloads) {
    const html = markdownHtml(payload);
    assert.deepEqual(liveMarkup(html), [], `${payload} → ${html}`);
    assert.deepEqual(liveMarkup(Markdown({ text: `Vraag\n\n${payload}` }).value), [], payload);
  }
  // The check itself sees live markup.
  assert.deepEqual(liveMarkup('<img src=x onerror=alert(1)><a href="javascript:x">'), ['embedding tag', 'event handler', 'script URL']);
});

test('Markdown is rendered: emphasis, lists, code, quotes and links marked as user content', () => {
  const html = markdownHtml('**Vet** en *schuin*, `code`\n\n- een\n- twee\n\n> geciteerd\n\n[Statbel](https://statbel.fgov.be) en https://data.example/x');
  assert.match(html, /<strong>Vet<\/strong> en <em>schuin<\/em>, <code>code<\/code>/);
  assert.match(html, /<ul>\s*<li>een<\/li>\s*<li>twee<\/li>\s*<\/ul>/);
  assert.match(html, /<blockquote>/);
  assert.match(html, /<a href="https:\/\/statbel\.fgov\.be" rel="nofollow ugc noopener">Statbel<\/a>/);
  assert.match(html, /<a href="https:\/\/data\.example\/x" rel="nofollow ugc noopener">/, 'a bare URL becomes a link too');
  assert.match(markdownHtml('# Titel'), /^<p>Titel<\/p>/, 'a heading is a paragraph: the page has its own');
  assert.match(markdownHtml('<b>vet</b>'), /&lt;b&gt;vet&lt;\/b&gt;/, 'raw HTML is shown as text');
});
