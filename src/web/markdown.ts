// Markdown that people write (discussions, questions, reuses) as safe HTML: markdown-it without raw HTML, then an
// allow-list sanitizer as a second wall; links open nothing but http(s) and mailto, and carry rel="nofollow ugc".
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml, raw, type Html } from '../html/jsx-runtime.ts';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr', 'del'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Anything else (a heading, an image, a table) keeps its text, never its markup.
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'nofollow ugc noopener' } }),
    h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p',
  },
};

/** The HTML of a person's Markdown: safe to put in a page or a mail, whatever they typed. */
export function markdownHtml(text: string): string {
  return sanitizeHtml(markdown.render(text), allowed);
}

/** The same as a page node. */
export function Markdown(props: { text: string; class?: string }): Html {
  return raw(`<div class="${escapeHtml(props.class ?? 'prose user-text')}">${markdownHtml(props.text)}</div>`);
}
