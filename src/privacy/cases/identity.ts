// One-time codes for requesters without an account: six digits, a digest at rest, 15 minutes, three tries.
import { randomInt } from 'node:crypto';
import { checksRun } from '../../accounts/checks-run.ts';
import { digest, sameText } from '../../accounts/secrets.ts';

export const codeMinutes = 15;
export const codeTries = 3;
/** New codes a case may ask for: enough for a mistyped address or a slow mailbox, not for a siege. */
export const codesPerCase = 5;

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Bound to the case, so one digest says nothing about another case's code. */
export function codeDigest(caseId: string, code: string): string {
  return digest(`privacy-case\u0000${caseId}\u0000${code}`);
}

export function codeMatches(caseId: string, given: string, stored: string): boolean {
  checksRun.emailCode++;
  return /^\d{6}$/.test(given) && sameText(codeDigest(caseId, given), stored);
}
