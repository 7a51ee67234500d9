import { type Failure, fail } from '../../core/deps.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { whyNotHuman } from '../../core/domain/people.ts';
import type { Release } from '../../core/domain/release.ts';
import { holdersOf, ROLE_LABELS, rolesOf } from '../../core/domain/roles.ts';
import type { GithubDeps } from '../deps.ts';
import { type CheckMapping, type GithubLink, normalizeRepo } from '../domain/links.ts';

export type ChannelRef = { teamId: string; channelId: string };
export type LinkSettings = {
  repo: string;
  environment: string;
  branch: string | null;
  checks: CheckMapping[];
  milestone: string | null;
};

/** Who links a repository: the Release Manager or DevOps (who own CI/CD and the deployment process), as people. */
const LINKERS = ['rm', 'devops'] as const;

/** The release whose RM and DevOps manage the channel's links: the active one, else the latest finished one. */
async function linkRelease(deps: GithubDeps, ref: ChannelRef): Promise<Release | undefined> {
  const { releases } = deps.store;
  return (
    (await releases.findActiveInChannel(ref.teamId, ref.channelId)) ??
    (await releases.listFinished(ref.teamId, 100)).find((r) => r.channelId === ref.channelId)
  );
}

async function whyNotLinker(
  deps: GithubDeps,
  ref: ChannelRef & { actorId: string },
): Promise<{ ok: true; release: Release } | Failure> {
  const release = await linkRelease(deps, ref);
  if (!release) {
    return fail(
      'This channel has no release. A repository is linked to a release channel by its Release Manager or DevOps: ' +
        'create the release first (`/release create`).',
    );
  }
  const assignments = await deps.store.releases.assignments(release.id);
  const roles = rolesOf(assignments, ref.actorId);
  if (LINKERS.some((role) => roles.includes(role))) return { ok: true, release };
  const holders = LINKERS.flatMap((role) =>
    holdersOf(assignments, role).map((id) => `<@${id}> (${ROLE_LABELS[role]})`),
  );
  const who = holders.length > 0 ? `: ${holders.join(', ')}` : '; nobody holds either role yet';
  return fail(
    `Only the ${ROLE_LABELS.rm} or ${ROLE_LABELS.devops} of ${releaseLabel(release)} links repositories${who}.`,
  );
}

async function whyNotAPerson(deps: GithubDeps, actorId: string): Promise<Failure | undefined> {
  const person = await deps.users.lookup(actorId);
  const notHuman = person ? whyNotHuman(person) : `<@${actorId}> is not a known account`;
  return notHuman
    ? fail(`${notHuman}: only the Release Manager or DevOps, as a person, links repositories.`)
    : undefined;
}

/** `/release link github …`: binds the channel's releases to the repository (or changes an existing link's settings). */
export async function linkRepository(
  deps: GithubDeps,
  input: ChannelRef & { actorId: string; settings: LinkSettings },
): Promise<{ ok: true; link: GithubLink; release: Release; replaced: boolean } | Failure> {
  const notPerson = await whyNotAPerson(deps, input.actorId);
  if (notPerson) return notPerson;
  const repo = normalizeRepo(input.settings.repo);
  const now = deps.clock.now();
  return deps.store.transaction(async () => {
    const linker = await whyNotLinker(deps, input);
    if (!linker.ok) return linker;
    const existing = await deps.store.github.linkOf(repo);
    if (existing && (existing.channelId !== input.channelId || existing.teamId !== input.teamId)) {
      return fail(
        `\`${repo}\` is already linked to <#${existing.channelId}>. A repository feeds one release channel: unlink it ` +
          'there first (`/release unlink github ' +
          `${repo}\`).`,
      );
    }
    const link = await deps.store.github.saveLink({
      ...input.settings,
      repo,
      teamId: input.teamId,
      channelId: input.channelId,
      createdBy: input.actorId,
      createdAt: now,
    });
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: linker.release.id,
      actorId: input.actorId,
      action: existing ? 'github.link_changed' : 'github.linked',
      subject: repo,
      after: {
        linkId: link.id,
        environment: link.environment,
        branch: link.branch,
        checks: link.checks,
        milestone: link.milestone,
      },
      at: now,
    });
    return { ok: true as const, link, release: linker.release, replaced: existing !== undefined };
  });
}

/** `/release unlink github <owner>/<repo>`: its events are ignored (202) from now on. */
export async function unlinkRepository(
  deps: GithubDeps,
  input: ChannelRef & { actorId: string; repo: string },
): Promise<{ ok: true; link: GithubLink } | Failure> {
  const notPerson = await whyNotAPerson(deps, input.actorId);
  if (notPerson) return notPerson;
  const repo = normalizeRepo(input.repo);
  const now = deps.clock.now();
  return deps.store.transaction(async () => {
    const linker = await whyNotLinker(deps, input);
    if (!linker.ok) return linker;
    const link = await deps.store.github.linkOf(repo);
    if (!link || link.channelId !== input.channelId || link.teamId !== input.teamId) {
      const here = (await deps.store.github.linksOfChannel(input.teamId, input.channelId)).map((l) => `\`${l.repo}\``);
      const known = here.length > 0 ? ` Its links: ${here.join(', ')}.` : ' It links none.';
      return fail(`This channel does not link \`${repo}\`.${known}`);
    }
    await deps.store.github.deleteLink(link.id);
    await deps.store.audit.record({
      teamId: input.teamId,
      releaseId: linker.release.id,
      actorId: input.actorId,
      action: 'github.unlinked',
      subject: repo,
      after: { linkId: link.id },
      at: now,
    });
    return { ok: true as const, link };
  });
}

/** `/release link`: the channel's links, for anyone in it. */
export async function listLinks(deps: GithubDeps, ref: ChannelRef): Promise<GithubLink[]> {
  return deps.store.github.linksOfChannel(ref.teamId, ref.channelId);
}
