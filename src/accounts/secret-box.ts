// Encryption at rest for secrets the portal must read back (TOTP secrets): AES-256-GCM with a key kept outside the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKey } from '../config.ts';
import { ConfigError } from '../errors.ts';

export interface SecretBox {
  /** `context` (e.g. the owner's id) is bound to the ciphertext, so a sealed value copied to another row does not open. */
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

const version = 'v1';

/**
 * The key from SECRET_KEY, else from `<data>/secret.key`, made (mode 0600) the first time it is needed.
 * Read lazily: commands that never touch a secret do not create the file.
 */
export function portalKey(config: { dataDir: string; secretKey: string | null }): () => Buffer {
  let key: Buffer | null = null;
  return () => {
    if (key) return key;
    if (config.secretKey) {
      key = parseKey(config.secretKey);
      if (!key) throw new ConfigError('Invalid SECRET_KEY: it is not 32 bytes written as 64 hexadecimal digits or base64.');
      return key;
    }
    const file = join(config.dataDir, 'secret.key');
    mkdirSync(config.dataDir, { recursive: true });
    try {
      // 'wx': of two processes starting at once, one writes and the other reads what it wrote.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = parseKey(readFileSync(file, 'utf8'));
    if (!key) throw new ConfigError(`${file} does not hold a 32-byte key in base64; restore it from a backup.`);
    return key;
  };
}

export function createSecretBox(key: () => Buffer): SecretBox {
  return {
    seal(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(sealed, context) {
      const [v, data] = sealed.split('.');
      if (v !== version || !data) throw new Error('A sealed secret in an unknown format.');
      const bytes = Buffer.from(data, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key(), bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A sealed secret does not open with this key: was SECRET_KEY or <data>/secret.key changed?');
      }
    },
  };
}
