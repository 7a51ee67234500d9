import type { GithubLink } from './links.ts';
import { MILESTONE_ITEM } from './links.ts';

/**
 * The GitHub events the bot acts on, reduced to what it reads (the HTTP layer parses the payloads with zod), and
 * what each means for the linked release. Pure.
 */
export type GithubRepository = { fullName: string; htmlUrl: string; defaultBranch: string | undefined };

export type GithubEvent =
  | { event: 'ping'; repository: GithubRepository }
  | {
      event: 'deployment_status';
      repository: GithubRepository;
      deploymentId: number;
      state: string;
      environment: string;
      ref: string | undefined;
      url: string | undefined;
    }
  | {
      event: 'workflow_run';
      repository: GithubRepository;
      action: string;
      workflow: string;
      conclusion: string | null;
      headBranch: string | null;
      headSha: string | undefined;
      runNumber: number | undefined;
      url: string;
    }
  | { event: 'milestone'; repository: GithubRepository; action: string; title: string; openIssues: number; url: string }
  | { event: 'release'; repository: GithubRepository; action: string; tag: string; url: string; prerelease: boolean };

export type GithubEventName = GithubEvent['event'];
export const GITHUB_EVENTS: readonly GithubEventName[] = [
  'ping',
  'deployment_status',
  'workflow_run',
  'milestone',
  'release',
];

/** What an event asks of the release: one of the pipeline's reports, a version, a greeting, or nothing (and why). */
export type GithubIntent =
  | { kind: 'connected' }
  | {
      kind: 'deployment';
      status: 'started' | 'succeeded' | 'failed';
      state: string;
      deploymentId: number;
      version: string | undefined;
      url: string;
    }
  | {
      kind: 'check';
      source: 'workflow' | 'milestone';
      item: string;
      status: 'passed' | 'failed';
      url: string;
      summary: string;
      /** The workflow or the milestone, as GitHub names it. */
      name: string;
      branch: string | undefined;
    }
  | { kind: 'version'; tag: string; url: string; prerelease: boolean }
  | { kind: 'ignore'; reason: string };

const WORKFLOW_PASSED = new Set(['success']);
const WORKFLOW_FAILED = new Set(['failure', 'timed_out', 'startup_failure']);

/** A tag that names a version (`v2.4.0`, `2.4`, `release-2.4.0`): a workflow run on it counts like one on the branch. */
export function isVersionTag(ref: string): boolean {
  return /^(?:v|release[-/])?\d+(?:\.\d+)+(?:[-+][\w.-]+)?$/i.test(ref);
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What `event` means for the release `link` binds its repository to. */
export function interpretEvent(link: GithubLink, e: GithubEvent): GithubIntent {
  switch (e.event) {
    case 'ping':
      return { kind: 'connected' };
    case 'deployment_status': {
      if (!sameText(e.environment, link.environment)) {
        return { kind: 'ignore', reason: `the environment ${e.environment} is not the linked ${link.environment}` };
      }
      const url = e.url ?? `${e.repository.htmlUrl}/deployments`;
      const base = { kind: 'deployment' as const, state: e.state, deploymentId: e.deploymentId, version: e.ref, url };
      switch (e.state) {
        case 'queued':
        case 'in_progress':
        case 'pending':
          return { ...base, status: 'started' };
        case 'success':
          return { ...base, status: 'succeeded' };
        case 'failure':
        case 'error':
          return { ...base, status: 'failed' };
        default:
          return { kind: 'ignore', reason: `a deployment ${e.state} changes nothing` };
      }
    }
    case 'workflow_run': {
      if (e.action !== 'completed') return { kind: 'ignore', reason: `a workflow run ${e.action} is not completed` };
      const mapping = link.checks.find((c) => sameText(c.workflow, e.workflow));
      if (!mapping) return { kind: 'ignore', reason: `the workflow ${e.workflow} maps to no checklist item` };
      const branch = link.branch ?? e.repository.defaultBranch;
      const onBranch = e.headBranch !== null && branch !== undefined && e.headBranch === branch;
      if (!onBranch && !(e.headBranch !== null && isVersionTag(e.headBranch))) {
        return {
          kind: 'ignore',
          reason: `the run is on ${e.headBranch ?? 'no branch'}, not on ${branch ?? 'the linked branch'}`,
        };
      }
      const conclusion = e.conclusion ?? 'none';
      const status = WORKFLOW_PASSED.has(conclusion)
        ? 'passed'
        : WORKFLOW_FAILED.has(conclusion)
          ? 'failed'
          : undefined;
      if (!status) return { kind: 'ignore', reason: `a run concluded ${conclusion} says nothing about the item` };
      const sha = e.headSha ? ` (${e.headSha.slice(0, 7)})` : '';
      return {
        kind: 'check',
        source: 'workflow',
        item: mapping.item,
        status,
        url: e.url,
        summary: `${e.workflow} ${conclusion} on ${e.headBranch}${sha}`,
        name: e.workflow,
        branch: e.headBranch ?? undefined,
      };
    }
    case 'milestone': {
      if (!link.milestone || !sameText(e.title, link.milestone)) {
        return { kind: 'ignore', reason: `the milestone ${e.title} is not the linked one` };
      }
      const base = {
        kind: 'check' as const,
        source: 'milestone' as const,
        item: MILESTONE_ITEM,
        url: e.url,
        name: e.title,
        branch: undefined,
      };
      if (e.action === 'closed') {
        if (e.openIssues > 0) {
          return {
            kind: 'ignore',
            reason: `the milestone closed with ${e.openIssues} open issue${e.openIssues === 1 ? '' : 's'}`,
          };
        }
        return {
          ...base,
          status: 'passed',
          summary: `milestone ${e.title} closed with every issue and pull request done`,
        };
      }
      if (e.action === 'opened') return { ...base, status: 'failed', summary: `milestone ${e.title} reopened` };
      return { kind: 'ignore', reason: `a milestone ${e.action} changes nothing` };
    }
    case 'release':
      if (e.action !== 'published') return { kind: 'ignore', reason: `a release ${e.action} is not published` };
      return { kind: 'version', tag: e.tag, url: e.url, prerelease: e.prerelease };
  }
}
