import { z } from 'zod';
import { CHECKLIST_KEYS } from '../../../governance/domain/checklist.ts';
import { DEFAULT_CHECKS, DEFAULT_ENVIRONMENT, parseCheckMappings, REPO_PATTERN } from '../../domain/links.ts';
import type { LinkSettings } from '../../usecases/links.ts';

/** What GitHub allows in an environment's and a branch's name, less what would break a Slack message. */
const Environment = z
  .string()
  .trim()
  .min(1)
  .max(255, { error: '`environment:` is at most 255 characters' })
  .regex(/^[^<>|`*\s][^<>|`*]*$/, {
    error: '`environment:` has a character GitHub environments cannot (<, >, |, `, *)',
  });
const Branch = z
  .string()
  .max(255, { error: '`branch:` is at most 255 characters' })
  .regex(/^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[^\s~^:?*[\\<>|`]+$/, {
    error: '`branch:` is not a branch name git allows (no spaces, `..`, `~`, `^`, `:`, `?`, `*`, `[`)',
  });
const Milestone = z.string().trim().min(1).max(255, { error: '`milestone:` is at most 255 characters' });

export const LinkInput = z.object({
  repo: z.string().regex(REPO_PATTERN, {
    error:
      'Name the repository as `&lt;owner&gt;/&lt;repo&gt;` (GitHub’s letters, digits, `-`, `.` and `_`), say `acme/shop`',
  }),
  environment: Environment.default(DEFAULT_ENVIRONMENT),
  branch: Branch.optional(),
  checks: z.string().optional(),
  milestone: Milestone.optional(),
});

/** The command's words and options, validated: the settings, or the first reason they are not. */
export function parseLinkInput(input: {
  repo: string | undefined;
  options: ReadonlyMap<string, string>;
}): { ok: true; settings: LinkSettings } | { ok: false; message: string } {
  const parsed = LinkInput.safeParse({
    repo: input.repo ?? '',
    environment: input.options.get('environment'),
    branch: input.options.get('branch'),
    checks: input.options.get('checks'),
    milestone: input.options.get('milestone'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.message ?? 'The link is not valid'}.` };
  }
  const { repo, environment, branch, checks, milestone } = parsed.data;
  let mappings = [...DEFAULT_CHECKS];
  if (checks !== undefined) {
    const mapped = parseCheckMappings(checks, CHECKLIST_KEYS);
    if (!mapped.ok) return mapped;
    mappings = mapped.checks;
  }
  return {
    ok: true,
    settings: { repo, environment, branch: branch ?? null, checks: mappings, milestone: milestone ?? null },
  };
}
