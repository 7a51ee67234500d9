import { escapeMrkdwn } from '../../core/domain/markup.ts';

/**
 * A GitHub repository linked to a channel's releases: which of its deployment environments ships the release, which
 * branch its workflow runs count on, which workflows tick which checklist items, and which milestone's closing ticks
 * "PRs merged". Pure: no Slack, no database, no clock.
 */
export type CheckMapping = { workflow: string; item: string };

export type GithubLink = {
  id: number;
  teamId: string;
  channelId: string;
  /** `owner/name`, lower case: GitHub's names are case-insensitive. */
  repo: string;
  environment: string;
  /** Null: the repository's default branch, as each event names it. */
  branch: string | null;
  checks: CheckMapping[];
  milestone: string | null;
  createdBy: string;
  createdAt: Date;
};

export type NewGithubLink = Omit<GithubLink, 'id'>;

export const DEFAULT_ENVIRONMENT = 'production';
export const DEFAULT_CHECKS: readonly CheckMapping[] = [{ workflow: 'CI', item: 'tests_passing' }];
/** The checklist item a closed milestone ticks. */
export const MILESTONE_ITEM = 'prs_merged';

/** GitHub's own rules: an owner of 1–39 letters, digits and inner hyphens; a name of letters, digits, `.`, `_`, `-`. */
export const REPO_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;

export function normalizeRepo(repo: string): string {
  return repo.trim().toLowerCase();
}

/** "CI=tests_passing,Security scan=security_scans" → mappings, or why not. */
export function parseCheckMappings(
  text: string,
  knownItems: readonly string[],
): { ok: true; checks: CheckMapping[] } | { ok: false; message: string } {
  const checks: CheckMapping[] = [];
  for (const part of text.split(',')) {
    const pair = part.trim();
    if (pair === '') continue;
    const eq = pair.lastIndexOf('=');
    const workflow = eq > 0 ? pair.slice(0, eq).trim() : '';
    const item = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!workflow || !item) {
      return {
        ok: false,
        message: `\`${escapeMrkdwn(pair)}\` is not \`&lt;workflow name&gt;=&lt;checklist key&gt;\` (say \`CI=tests_passing\`).`,
      };
    }
    if (workflow.length > 100)
      return {
        ok: false,
        message: `The workflow name \`${escapeMrkdwn(workflow.slice(0, 40))}…\` is over 100 characters.`,
      };
    if (!knownItems.includes(item)) {
      return {
        ok: false,
        message: `\`${escapeMrkdwn(item)}\` is not a checklist key; the keys are ${knownItems.map((k) => `\`${k}\``).join(', ')}.`,
      };
    }
    if (checks.some((c) => c.workflow.toLowerCase() === workflow.toLowerCase())) {
      return { ok: false, message: `The workflow \`${escapeMrkdwn(workflow)}\` is mapped twice.` };
    }
    checks.push({ workflow, item });
  }
  if (checks.length === 0)
    return { ok: false, message: '`checks:` maps no workflow; say `checks:"CI=tests_passing"`.' };
  if (checks.length > 20) return { ok: false, message: '`checks:` maps more than 20 workflows.' };
  return { ok: true, checks };
}

export function describeChecks(checks: readonly CheckMapping[]): string {
  return checks.map((c) => `${c.workflow}=${c.item}`).join(', ');
}
