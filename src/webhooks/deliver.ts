// Sending one delivery over HTTP: a POST with a time limit, no redirect followed, and (by default) no private address reached.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Invalid } from '../errors.ts';

interface SendResult {
  delivered: boolean;
  statusCode: number | null;
  /** What went wrong, short: `http_500: <start of the answer>`, `timeout`, `ECONNREFUSED`, `private_address`. */
  error: string | null;
}

/** Posts a body; never throws for what the receiver does. Tests may put another in its place. */
export type Sender = (url: string, headers: Record<string, string>, body: string) => Promise<SendResult>;

/** Loopback, private, link-local (cloud metadata), shared, multicast and reserved ranges: the portal's own network. */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3],
] as const) privateRanges.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(network, prefix, 'ipv6');

function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateRanges.check(mapped[1], 'ipv4');
  const family = isIP(address);
  return family === 0 || privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * The URL a webhook may have: http or https, absolute, without user name or password (they would show on the account
 * page and in the archive), at most 2,000 characters, and not a private or loopback host unless the portal allows it.
 */
export function checkWebhookUrl(value: string, options: { allowPrivate: boolean }): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Invalid('"url" must be an absolute http:// or https:// URL, e.g. https://example.org/hooks/opaal.', 'webhook_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Invalid(`"url" must start with http:// or https://, not ${url.protocol}//.`, 'webhook_url');
  if (url.username || url.password) throw new Invalid('"url" must not hold a user name or password; authenticate the delivery by its signature.', 'webhook_url');
  if (text.length > 2000) throw new Invalid('"url" must be at most 2,000 characters.', 'webhook_url');
  const host = hostOf(url).toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host));
  if (local && !options.allowPrivate) throw new Invalid('"url" must be reachable on the internet: a loopback, private or link-local address is refused.', 'webhook_url_private');
  url.hash = '';
  return url.toString();
}

/** A name lookup that refuses private addresses: checked where the connection is made, so a DNS answer cannot change it after the check. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const usable = addresses.filter((a) => !isPrivateAddress(a.address));
    if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'private_address' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
    callback(null, usable[0].address, usable[0].family);
  });
};

/** Printable text of the answer's first bytes: enough to recognise an error page, never a whole body. */
const snippetLength = 120;
const printable = (bytes: Buffer) => bytes.toString('utf8').replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ').trim().slice(0, snippetLength);

export function httpSender(options: { timeoutMs: number; allowPrivate: boolean }): Sender {
  return (target, headers, body) =>
    new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        resolve(result);
      };
      const url = new URL(target);
      if (!options.allowPrivate && isIP(hostOf(url)) !== 0 && isPrivateAddress(hostOf(url))) {
        resolve({ delivered: false, statusCode: null, error: 'private_address' });
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: publicLookup }),
      });
      const timer = setTimeout(() => finish({ delivered: false, statusCode: null, error: 'timeout' }), options.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => finish({ delivered: false, statusCode: null, error: error.code ?? error.name }));
      request.on('response', (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          finish({ delivered: true, statusCode: status, error: null });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => finish({ delivered: false, statusCode: status, error: `http_${status}${size ? `: ${printable(Buffer.concat(chunks))}` : ''}` });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= snippetLength * 4) done();
        });
        response.on('end', done);
        response.on('error', done);
      });
      request.end(body);
    });
}
