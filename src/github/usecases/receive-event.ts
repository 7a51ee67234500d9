import { PRODUCTION } from '../../api/domain/deployments.ts';
import { reportCheck, reportDeployment } from '../../api/index.ts';
import { pipelineActorId } from '../../core/domain/actors.ts';
import type { Release } from '../../core/domain/release.ts';
import type { GithubDeps } from '../deps.ts';
import { type GithubEvent, type GithubIntent, interpretEvent } from '../domain/events.ts';
import { type GithubLink, normalizeRepo } from '../domain/links.ts';
import type { GithubNotice, PipelineNotice } from '../ports.ts';

/** Every GitHub event is recorded as this pipeline actor, shown as "CI (github)". */
export const GITHUB_ACTOR = pipelineActorId('github');
/** GitHub lets a delivery be redelivered for days; a claim outlives that. */
const DELIVERY_CLAIM_MS = 14 * 86_400_000;

export type WebhookOutcome = {
  /** `applied` (200), `duplicate` (200: a redelivery, applied before), `ignored` (202: nothing to do). */
  status: 'applied' | 'duplicate' | 'ignored';
  detail: string;
};

const ignored = (detail: string): WebhookOutcome => ({ status: 'ignored', detail });
const applied = (detail: string): WebhookOutcome => ({ status: 'applied', detail });

/**
 * One verified GitHub delivery. The repository's link names the channel, whose active release the event is about;
 * what the event means is `interpretEvent`'s, and what it does is the pipeline API's use cases' (`reportCheck`,
 * `reportDeployment`), so a GitHub event is one more pipeline report. The delivery id is claimed in the database
 * before anything changes, so a redelivery (or a second replica given the same delivery) is applied once; a failure
 * gives the claim back, so GitHub's redelivery tries again.
 */
export async function receiveGithubEvent(
  deps: GithubDeps,
  input: { deliveryId: string; event: GithubEvent },
): Promise<WebhookOutcome> {
  const { event } = input;
  const repo = normalizeRepo(event.repository.fullName);
  const link = await deps.store.github.linkOf(repo);
  if (!link) return ignored(`No release channel links ${repo}; the event is ignored.`);
  const intent = interpretEvent(link, event);
  if (intent.kind === 'ignore') return ignored(`Ignored: ${intent.reason}.`);
  const release = await deps.store.releases.findActiveInChannel(link.teamId, link.channelId);
  if (!release && intent.kind !== 'connected') {
    return ignored(`The channel linking ${repo} has no active release; the event is ignored.`);
  }

  const now = deps.clock.now();
  const claimKey = `github:delivery:${input.deliveryId}`;
  const claimed = await deps.store.interactions.claim(claimKey, now, new Date(now.getTime() + DELIVERY_CLAIM_MS));
  if (!claimed)
    return { status: 'duplicate', detail: `Delivery ${input.deliveryId} was received before; applied once.` };
  try {
    return await apply(deps, {
      key: `github:${input.deliveryId}`,
      link,
      release,
      intent,
      htmlUrl: event.repository.htmlUrl,
    });
  } catch (error) {
    await deps.store.interactions.release(claimKey).catch(() => undefined);
    throw error;
  }
}

async function apply(
  deps: GithubDeps,
  input: {
    key: string;
    link: GithubLink;
    release: Release | undefined;
    intent: Exclude<GithubIntent, { kind: 'ignore' }>;
    htmlUrl: string;
  },
): Promise<WebhookOutcome> {
  const { link, intent, key } = input;
  const repo = link.repo;
  const announce = (notice: GithubNotice, noticeKey = key) =>
    deps.githubMessenger
      .announce(notice, noticeKey)
      .catch((error: unknown) => deps.logger.warn(`could not post GitHub's ${intent.kind} for ${repo}`, error));
  if (intent.kind === 'connected') {
    // Once per channel and repository however often GitHub pings (a new hook, "Redeliver", a second hook).
    await announce(
      { kind: 'connected', channelId: link.channelId, repo, htmlUrl: input.htmlUrl },
      `github:connected:${link.channelId}:${repo}`,
    );
    return applied(`GitHub connected for ${repo}.`);
  }
  const release = input.release as Release;
  // The API's use cases announce through the pipeline messenger; here their notices become lines of the thread.
  const notices: PipelineNotice[] = [];
  const apiDeps = { ...deps, pipelineMessenger: { announce: async (n: PipelineNotice) => void notices.push(n) } };

  switch (intent.kind) {
    case 'deployment': {
      const startKey = `github:deployment-start:${repo}:${intent.deploymentId}`;
      if (intent.status === 'started') {
        // GitHub reports queued, then in progress: one deployment asks the gate once.
        const now = deps.clock.now();
        const first = await deps.store.interactions.claim(startKey, now, new Date(now.getTime() + DELIVERY_CLAIM_MS));
        if (!first) return applied(`Deployment ${intent.deploymentId} was already reported as started.`);
      }
      const result = await reportDeployment(apiDeps, {
        actorId: GITHUB_ACTOR,
        release,
        report: { environment: PRODUCTION, status: intent.status, version: intent.version, url: intent.url },
      }).catch(async (error: unknown) => {
        // Nothing was recorded: the redelivery must be able to start it.
        if (intent.status === 'started') await deps.store.interactions.release(startKey).catch(() => undefined);
        throw error;
      });
      for (const [i, notice] of notices.entries()) {
        await announce(
          { kind: 'deployment', release, repo, state: intent.state, notice },
          i === 0 ? key : `${key}:${i}`,
        );
      }
      if (!result.ok && result.kind !== 'deployment_blocked') return ignored(result.detail);
      if (!result.ok) return applied(result.detail);
      return applied(`Deployment ${intent.state} recorded (${result.deployment.outcome.replace('_', ' ')}).`);
    }
    case 'check': {
      const result = await reportCheck(apiDeps, {
        actorId: GITHUB_ACTOR,
        release,
        check: { item: intent.item, status: intent.status, url: intent.url, summary: intent.summary },
      });
      if (!result.ok) return ignored(result.detail);
      if (!result.changed) return applied(`${result.item.label}: nothing changed.`);
      await announce({
        kind: 'check',
        release,
        repo,
        source: intent.source,
        name: intent.name,
        item: { key: result.item.key, label: result.item.label },
        status: intent.status,
        branch: intent.branch,
        url: intent.url,
        goStale: result.gate.reasons.some((r) => r.code === 'needs_reconfirmation'),
      });
      return applied(`${result.item.label} ${intent.status === 'passed' ? 'ticked' : 'unticked'}.`);
    }
    case 'version': {
      const now = deps.clock.now();
      const recorded = await deps.store.transaction(async () => {
        const fresh = await deps.store.github.recordVersion({
          releaseId: release.id,
          repo,
          tag: intent.tag,
          url: intent.url,
          at: now,
        });
        if (fresh) {
          await deps.store.audit.record({
            teamId: release.teamId,
            releaseId: release.id,
            actorId: GITHUB_ACTOR,
            action: 'github.version',
            subject: repo,
            after: { tag: intent.tag, url: intent.url },
            at: now,
          });
        }
        return fresh;
      });
      if (!recorded) return applied(`${intent.tag} was already recorded.`);
      await announce({
        kind: 'version',
        release,
        repo,
        tag: intent.tag,
        url: intent.url,
        prerelease: intent.prerelease,
      });
      return applied(`${intent.tag} recorded as the version of ${release.name}.`);
    }
  }
}

/** The tags GitHub published for the release, oldest first (for `/release status` and the record). */
export async function releaseVersions(deps: GithubDeps, release: Release) {
  return deps.store.github.versionsOf(release.id);
}
