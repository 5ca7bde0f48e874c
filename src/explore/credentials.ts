// Reads an API key the way Opendatasoft clients send it: `Authorization: Apikey <key>` or `?apikey=<key>`.
import type { FastifyRequest } from 'fastify';

/** The scheme is matched without regard to case: the JS client sends `ApiKey`, the docs write `Apikey`. */
export function apiKeyOf(request: Pick<FastifyRequest, 'headers' | 'query'>): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^apikey\s+(\S+)\s*$/i.exec(header.trim());
    if (match) return match[1];
  }
  const query = request.query as Record<string, unknown> | undefined;
  const param = query?.apikey;
  const value = Array.isArray(param) ? param[param.length - 1] : param;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
