// Passwords: argon2id at rest, at least 12 characters, not common, not guessable from the person's own names.
import { hash, verify } from '@node-rs/argon2';
import { Invalid } from '../errors.ts';
import { checksRun } from './checks-run.ts';

const minimumLength = 12;
const maximumLength = 256;

// The dictionaries weigh ~70 MB of memory (bench/explore's server at rest): loaded when a password is first set, not at start.
let checker: Promise<{ strength: { check(password: string, user: string[]): { score: number } }; common: Set<string> }> | null = null;
function loadChecker() {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, english, flemish] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-nl-be'),
    ]);
    const strength = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary, ...flemish.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return { strength, common: new Set<string>(common.dictionary['passwords-common'].map((p) => p.toLowerCase())) };
  })();
  return checker;
}

type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'weak';

/** Why a password may not be used, or null; the person's own names and email count as guessable. */
export async function passwordProblem(password: string, personal: string[] = []): Promise<PasswordProblem | null> {
  if ([...password].length < minimumLength) return 'too_short';
  if (password.length > maximumLength) return 'too_long';
  const { strength, common } = await loadChecker();
  if (common.has(password.toLowerCase())) return 'common';
  const result = strength.check(password, personal.filter(Boolean));
  return result.score < 3 ? 'weak' : null;
}

export class WeakPassword extends Invalid {
  constructor(readonly problem: PasswordProblem) {
    super(
      {
        too_short: `A password needs at least ${minimumLength} characters.`,
        too_long: `A password may have at most ${maximumLength} characters.`,
        common: 'This password is on a list of common passwords; choose another.',
        weak: 'This password is too easy to guess; make it longer or less predictable.',
      }[problem],
      `password_${problem}`,
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  checksRun.passwordHash++;
  // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
  return hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  checksRun.password++;
  return verify(stored, password).catch(() => false);
}

/** Checked when no account matches, so a wrong address takes as long as a wrong password. */
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword('decoy password that matches nothing');
  await verifyPassword(await decoy, password);
}
