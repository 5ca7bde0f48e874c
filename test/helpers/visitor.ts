// A visitor of the pages without a browser: keeps the session cookie, sends forms with their origin and CSRF token.
export interface Visitor {
  cookie: string | null;
  get(path: string): Promise<Response>;
  /** Posts a form; `_csrf` is taken from the last page seen unless given. */
  post(path: string, fields: Record<string, string>, options?: { origin?: string | null }): Promise<Response>;
  lastPage: string;
}

export function visitor(base: string): Visitor {
  const v: Visitor = {
    cookie: null,
    lastPage: '',
    async get(path) {
      const response = await fetch(new URL(path, base), { headers: v.cookie ? { cookie: v.cookie } : {}, redirect: 'manual' });
      remember(response);
      if ((response.headers.get('content-type') ?? '').includes('html')) v.lastPage = await response.clone().text();
      return response;
    },
    async post(path, fields, options = {}) {
      const csrf = /name="_csrf" value="([^"]+)"/.exec(v.lastPage)?.[1];
      const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...fields });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const origin = options.origin === undefined ? new URL(base).origin : options.origin;
      if (origin) headers.origin = origin;
      if (v.cookie) headers.cookie = v.cookie;
      const response = await fetch(new URL(path, base), { method: 'POST', headers, body, redirect: 'manual' });
      remember(response);
      if ((response.headers.get('content-type') ?? '').includes('html')) v.lastPage = await response.clone().text();
      return response;
    },
  };
  function remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair.split('=');
      if (name !== 'opaal_session') continue;
      v.cookie = value ? `${name}=${value}` : null;
      if (/expires=Thu, 01 Jan 1970/i.test(header) || /Max-Age=0/i.test(header)) v.cookie = null;
    }
  }
  return v;
}
