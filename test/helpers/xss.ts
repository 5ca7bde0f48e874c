// Test support: XSS payloads as people post them, and a check for markup they would make live in a page or a mail.

/** Payloads in the forms people find in the wild. */
export const xssPayloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">klik</a>',
  '[klik](javascript:alert(1))',
  '[klik](JaVaScRiPt:alert(1))',
  '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '"><script>alert(1)</script>',
  '<details open ontoggle=alert(1)>',
  '<style>body{display:none}</style>',
  '[a](https://ok.example "x\\" onmouseover=\\"alert(1)")',
  '<a href="https://ok.example" onclick="alert(1)">a</a>',
];

/** What would make a payload live in a page: a script, an event handler, a javascript: or data: URL, an embedding tag. */
export function liveMarkup(html: string): string[] {
  const found = new Set<string>();
  // Only real tags count: text that shows a payload (`&lt;script&gt;`) is what should happen to it.
  for (const [tag] of html.matchAll(/<[a-z][^>]*>/gi)) {
    if (/^<script\b/i.test(tag)) found.add('script');
    if (/^<(iframe|object|embed|svg|img|style|details|form|input|link|meta|base)\b/i.test(tag)) found.add('embedding tag');
    if (/\son[a-z]+\s*=/i.test(tag)) found.add('event handler');
    if (/(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):/i.test(tag)) found.add('script URL');
  }
  return [...found];
}
