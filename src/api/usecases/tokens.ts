import { type Failure, fail } from '../../core/deps.ts';
import { code, releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, isReleaseManager, ROLE_LABELS } from '../../core/domain/roles.ts';
import type { ApiDeps } from '../deps.ts';
import { type ApiToken, isRevoked, whyBadTokenName } from '../domain/tokens.ts';

export type ChannelRef = { teamId: string; channelId: string };

/**
 * The release whose Release Manager manages the channel's tokens: the active one, else the channel's most recently
 * finished one (a token outlives its release, and must stay revocable between two releases).
 */
async function tokenRelease(deps: ApiDeps, ref: ChannelRef): Promise<Release | undefined> {
  const { releases } = deps.store;
  return (
    (await releases.findActiveInChannel(ref.teamId, ref.channelId)) ??
    (await releases.listFinished(ref.teamId, 100)).find((r) => r.channelId === ref.channelId)
  );
}

/** Why `actorId` may not manage the channel's tokens (inside a transaction: no Slack call), or the release. */
async function whyNotTokenManager(
  deps: ApiDeps,
  ref: ChannelRef & { actorId: string },
): Promise<{ ok: true; release: Release } | Failure> {
  const release = await tokenRelease(deps, ref);
  if (!release) {
    return fail(
      'This channel has no release. API tokens belong to a release channel and its Release Manager manages them: ' +
        'create the release first (`/release create`).',
    );
  }
  const assignments = await deps.store.releases.assignments(release.id);
  if (isReleaseManager(assignments, ref.actorId)) return { ok: true, release };
  const rm = holdersOf(assignments, 'rm');
  const who = rm.length > 0 ? ` (${rm.map((id) => `<@${id}>`).join(', ')})` : '; nobody holds the role yet';
  return fail(`Only the ${ROLE_LABELS.rm} of ${releaseLabel(release)}${who} manages this channel’s API tokens.`);
}

async function whyNotAPerson(deps: ApiDeps, actorId: string): Promise<Failure | undefined> {
  const person = await deps.users.lookup(actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${actorId}> is not a known account`;
  return notHuman ? fail(`${notHuman}: only the Release Manager, a person, manages API tokens.`) : undefined;
}

export type CreatedToken = { ok: true; token: ApiToken; secret: string };

function activeNamed(tokens: readonly ApiToken[], name: string): ApiToken | undefined {
  return tokens.find((t) => !isRevoked(t) && t.name.toLowerCase() === name.toLowerCase());
}

/**
 * A new token for the channel, without asking who may (for a composition root such as the sandbox, and for
 * `createApiToken` once it has checked). Runs in the caller's transaction when there is one.
 */
export async function issueApiToken(
  deps: ApiDeps,
  input: ChannelRef & {
    name: string;
    createdBy: string;
    /** Revoke an active token of that name first (the sandbox makes a fresh one on every start). */
    replacing?: boolean;
  },
): Promise<CreatedToken | Failure> {
  const bad = whyBadTokenName(input.name);
  if (bad) return fail(bad);
  const now = deps.clock.now();
  const secret = deps.tokenSecrets.generate();
  return deps.store.transaction(async (): Promise<CreatedToken | Failure> => {
    const existing = activeNamed(await deps.store.api.tokensOfChannel(input.teamId, input.channelId), input.name);
    const release = await deps.store.releases.findActiveInChannel(input.teamId, input.channelId);
    if (existing && input.replacing) {
      await deps.store.api.revokeToken(existing.id, input.createdBy, now);
      await deps.store.audit.record({
        teamId: input.teamId,
        releaseId: release?.id ?? null,
        actorId: input.createdBy,
        action: 'api.token_revoked',
        subject: existing.name,
        after: { tokenId: existing.id, replaced: true },
        at: now,
      });
    } else if (existing) {
      return fail(
        `This channel already has a token named \`${existing.name}\` (created by <@${existing.createdBy}>). ` +
          'Revoke it first (`/release token revoke ' +
          `${existing.name}\`), or choose another name.`,
      );
    }
    const token = await deps.store.api.insertToken({
      teamId: input.teamId,
      channelId: input.channelId,
      name: input.name,
      hash: deps.tokenSecrets.hash(secret),
      createdBy: input.createdBy,
      createdAt: now,
    });
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: release?.id ?? null,
      actorId: input.createdBy,
      action: 'api.token_created',
      subject: token.name,
      after: { tokenId: token.id, channelId: token.channelId },
      at: now,
    });
    return { ok: true, token, secret };
  });
}

/** `/release token create <name>`: the Release Manager (a person) makes a token for the channel; the secret once. */
export async function createApiToken(
  deps: ApiDeps,
  input: ChannelRef & { actorId: string; name: string },
): Promise<CreatedToken | Failure> {
  const bad = whyBadTokenName(input.name);
  if (bad) return fail(bad);
  const notPerson = await whyNotAPerson(deps, input.actorId);
  if (notPerson) return notPerson;
  return deps.store.transaction(async () => {
    const manager = await whyNotTokenManager(deps, input);
    if (!manager.ok) return manager;
    return issueApiToken(deps, { ...input, createdBy: input.actorId });
  });
}

/** `/release token list`: the channel's tokens (never a secret), for its Release Manager. */
export async function listApiTokens(
  deps: ApiDeps,
  input: ChannelRef & { actorId: string },
): Promise<{ ok: true; tokens: ApiToken[]; release: Release } | Failure> {
  const notPerson = await whyNotAPerson(deps, input.actorId);
  if (notPerson) return notPerson;
  const manager = await whyNotTokenManager(deps, input);
  if (!manager.ok) return manager;
  return {
    ok: true,
    release: manager.release,
    tokens: await deps.store.api.tokensOfChannel(input.teamId, input.channelId),
  };
}

/** `/release token revoke <name>`: the next request with it gets 401. */
export async function revokeApiToken(
  deps: ApiDeps,
  input: ChannelRef & { actorId: string; name: string },
): Promise<{ ok: true; token: ApiToken } | Failure> {
  const notPerson = await whyNotAPerson(deps, input.actorId);
  if (notPerson) return notPerson;
  const now = deps.clock.now();
  return deps.store.transaction(async () => {
    const manager = await whyNotTokenManager(deps, input);
    if (!manager.ok) return manager;
    const tokens = await deps.store.api.tokensOfChannel(input.teamId, input.channelId);
    const token = activeNamed(tokens, input.name);
    if (!token) {
      const names = tokens.filter((t) => !isRevoked(t)).map((t) => `\`${t.name}\``);
      const known = names.length > 0 ? ` Its tokens: ${names.join(', ')}.` : ' It has none.';
      return fail(`This channel has no active token named ${code(input.name)}.${known}`);
    }
    await deps.store.api.revokeToken(token.id, input.actorId, now);
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: manager.release.id,
      actorId: input.actorId,
      action: 'api.token_revoked',
      subject: token.name,
      after: { tokenId: token.id },
      at: now,
    });
    return { ok: true as const, token: { ...token, revokedBy: input.actorId, revokedAt: now } };
  });
}
