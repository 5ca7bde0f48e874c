// A JSX runtime that renders straight to HTML text: every string child and attribute is escaped, only Html passes through.

/** HTML that is already safe: built by this runtime or by `raw()` on trusted text. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Child = Html | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component = (props: any) => Html; // any: components declare their own props

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** Trusted markup (e.g. JSON-LD already escaped for a script element); never user input. */
export function raw(value: string): Html {
  return new Html(value);
}

function renderChild(child: Child, out: string[]): void {
  if (child === null || child === undefined || child === false || child === true) return;
  if (child instanceof Html) out.push(child.value);
  else if (Array.isArray(child)) for (const c of child) renderChild(c, out);
  else out.push(escapeHtml(String(child)));
}

const attributeNames: Record<string, string> = { className: 'class', htmlFor: 'for' };

function renderAttributes(props: Props): string {
  let text = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || value === false || value === null || value === undefined) continue;
    const name = attributeNames[key] ?? key;
    if (!/^[a-zA-Z_:][a-zA-Z0-9_.:-]*$/.test(name)) throw new Error(`Invalid attribute name ${name}`);
    text += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return text;
}

export function jsx(type: string | Component, props: Props): Html {
  if (typeof type === 'function') return type(props);
  const out: string[] = [`<${type}${renderAttributes(props)}>`];
  if (voidElements.has(type)) return new Html(out[0]);
  renderChild(props.children, out);
  out.push(`</${type}>`);
  return new Html(out.join(''));
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): Html {
  const out: string[] = [];
  renderChild(props.children, out);
  return new Html(out.join(''));
}

export declare namespace JSX {
  type Element = Html;
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}
