import { TOKEN_NAME_PATTERN } from '../../core/domain/actors.ts';

/**
 * An API token: a secret a pipeline sends as `Authorization: Bearer rbt_…`. It belongs to the release channel it
 * was created in and acts on that channel's releases, as `ci:<name>`. Only the secret's SHA-256 is kept; the secret
 * is shown once, privately, to the Release Manager who created it.
 */
export type ApiToken = {
  id: number;
  teamId: string;
  channelId: string;
  name: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
};

export type NewApiToken = Omit<ApiToken, 'id' | 'lastUsedAt' | 'revokedBy' | 'revokedAt'>;

/** Every secret starts with this, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'rbt_';

export function isRevoked(token: Pick<ApiToken, 'revokedAt'>): boolean {
  return token.revokedAt !== null;
}

/** Why `name` cannot name a token, or undefined. */
export function whyBadTokenName(name: string): string | undefined {
  if (name === '') return 'Give the token a name, e.g. `/release token create github-actions`.';
  if (!TOKEN_NAME_PATTERN.test(name)) {
    return 'A token name is 1 to 40 letters, digits, `.`, `_` or `-`, starting with a letter or digit (e.g. `github-actions`).';
  }
  return undefined;
}
