import { z } from 'zod';
import type { GithubEvent, GithubEventName } from '../domain/events.ts';

/**
 * The parts of GitHub's webhook payloads the bot reads (https://docs.github.com/webhooks/webhook-events-and-payloads),
 * parsed with zod; everything else in a payload is left alone. A payload that lacks them is answered 400.
 */
const Repository = z
  .object({
    full_name: z.string().min(3).max(140),
    html_url: z.string().max(1000),
    default_branch: z.string().optional(),
  })
  .transform((r) => ({ fullName: r.full_name, htmlUrl: r.html_url, defaultBranch: r.default_branch }));

const Ping = z.object({ repository: Repository });

const DeploymentStatus = z.object({
  repository: Repository,
  deployment_status: z.object({
    state: z.string().min(1).max(40),
    environment: z.string().max(255).optional(),
    target_url: z.string().max(1000).nullish(),
    log_url: z.string().max(1000).nullish(),
    environment_url: z.string().max(1000).nullish(),
  }),
  deployment: z.object({ id: z.number().int(), environment: z.string().max(255), ref: z.string().max(255).nullish() }),
});

const WorkflowRun = z.object({
  action: z.string(),
  repository: Repository,
  workflow: z.object({ name: z.string().max(255) }).nullish(),
  workflow_run: z.object({
    name: z.string().max(255).nullish(),
    conclusion: z.string().max(40).nullable(),
    head_branch: z.string().max(255).nullable(),
    head_sha: z.string().max(64).optional(),
    run_number: z.number().int().optional(),
    html_url: z.string().max(1000),
  }),
});

const Milestone = z.object({
  action: z.string(),
  repository: Repository,
  milestone: z.object({ title: z.string().max(255), open_issues: z.number().int(), html_url: z.string().max(1000) }),
});

const Release = z.object({
  action: z.string(),
  repository: Repository,
  release: z.object({
    tag_name: z.string().min(1).max(255),
    html_url: z.string().max(1000),
    prerelease: z.boolean().optional(),
  }),
});

/** Non-empty text, or undefined: GitHub sends `""` for an unset target URL. */
const text = (value: string | null | undefined) => (value ? value : undefined);

/** The event named by `X-GitHub-Event`, parsed; `undefined` for an event the bot does not act on. */
export function parseGithubEvent(
  name: string,
  payload: unknown,
): { ok: true; event: GithubEvent } | { ok: false; error: z.ZodError } | undefined {
  const parse = <T extends z.ZodType>(schema: T, to: (data: z.output<T>) => GithubEvent) => {
    const result = schema.safeParse(payload);
    return result.success ? { ok: true as const, event: to(result.data) } : { ok: false as const, error: result.error };
  };
  switch (name as GithubEventName) {
    case 'ping':
      return parse(Ping, (d) => ({ event: 'ping', repository: d.repository }));
    case 'deployment_status':
      return parse(DeploymentStatus, (d) => ({
        event: 'deployment_status',
        repository: d.repository,
        deploymentId: d.deployment.id,
        state: d.deployment_status.state,
        environment: d.deployment_status.environment || d.deployment.environment,
        ref: text(d.deployment.ref),
        url:
          text(d.deployment_status.target_url) ??
          text(d.deployment_status.log_url) ??
          text(d.deployment_status.environment_url),
      }));
    case 'workflow_run':
      return parse(WorkflowRun, (d) => ({
        event: 'workflow_run',
        repository: d.repository,
        action: d.action,
        workflow: text(d.workflow_run.name) ?? text(d.workflow?.name) ?? '(unnamed workflow)',
        conclusion: d.workflow_run.conclusion,
        headBranch: d.workflow_run.head_branch,
        headSha: d.workflow_run.head_sha,
        runNumber: d.workflow_run.run_number,
        url: d.workflow_run.html_url,
      }));
    case 'milestone':
      return parse(Milestone, (d) => ({
        event: 'milestone',
        repository: d.repository,
        action: d.action,
        title: d.milestone.title,
        openIssues: d.milestone.open_issues,
        url: d.milestone.html_url,
      }));
    case 'release':
      return parse(Release, (d) => ({
        event: 'release',
        repository: d.repository,
        action: d.action,
        tag: d.release.tag_name,
        url: d.release.html_url,
        prerelease: d.release.prerelease ?? false,
      }));
    default:
      return undefined;
  }
}
