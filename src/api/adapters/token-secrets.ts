import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_PREFIX } from '../domain/tokens.ts';
import type { TokenSecrets } from '../ports.ts';

/** Secrets from the operating system's random source (256 bits), hashed with SHA-256. */
export function createTokenSecrets(): TokenSecrets {
  return {
    generate: () => `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`,
    hash: (text) => createHash('sha256').update(text).digest('hex'),
  };
}
