// The signature of a delivery, as Stripe and GitHub sign theirs: HMAC-SHA256 over "<unix seconds>.<raw body>" with the webhook's secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `whsec_` makes a leaked secret recognisable to secret scanners; 32 random bytes in base64url follow. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** How old a signature a receiver should still accept: older ones may be replays. */
const toleranceSeconds = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `Opaal-Signature` header for a body sent at `at`. */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * What a receiver checks (docs/webhooks.md): a `v1` signature of this body under the secret, compared in constant time,
 * and a timestamp within five minutes of `now` either way, so a recorded delivery cannot be replayed later.
 */
export function verifySignature(secret: string, header: string, body: string, now: Date = new Date()): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return parts.some(([name, value]) => {
    if (name !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(expected, Buffer.from(value, 'hex'));
  });
}
