import { code } from '../../../core/domain/markup.ts';
import { ephemeral, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { Subcommand } from '../../../platform/slack/commands/types.ts';
import type { GithubDeps } from '../../deps.ts';
import { linkRepository, listLinks, unlinkRepository } from '../../usecases/links.ts';
import { buildLinkedMessage, buildLinkListMessage, buildUnlinkedMessage } from '../views/links.ts';
import { parseLinkInput } from './link-input.ts';

const SOURCES = ['github'];

function whyNotSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  if (SOURCES.includes(source.toLowerCase())) return undefined;
  return `${code(source)} is not a source the bot links; it links \`github\`.`;
}

const link: Subcommand<GithubDeps> = {
  name: 'link',
  topic: 'pipeline',
  usage:
    '/release link [github <owner>/<repo> [environment:production] [branch:<name>] [checks:"<workflow>=<checklist key>,…"] [milestone:"<title>"]]',
  summary:
    'Link a GitHub repository to this channel’s releases (its webhook events become release facts), or list the links.',
  example: '/release link github acme/shop checks:"CI=tests_passing" milestone:"2.4.0"',
  details:
    'The Release Manager or DevOps (a person) links; anyone lists (`/release link`). Deployments to the linked ' +
    'environment (default `production`) start, ship or fail the release through the gate; completed runs of a mapped ' +
    'workflow (default `CI=tests_passing`) on the branch (default: the repository’s) or a version tag tick or untick ' +
    'the item with the run as evidence; closing the milestone with nothing open ticks `prs_merged`; a published ' +
    'release records its tag as the version. Several repositories may feed one release; linking again changes the ' +
    'settings. Set the webhook up as the GitHub module’s README says (`/github/webhook`, JSON, the secret).',
  options: ['environment', 'branch', 'checks', 'milestone'],
  async run(ctx) {
    const [source, repo, ...extra] = ctx.parsed.words;
    const ref = { teamId: ctx.teamId, channelId: ctx.channelId };
    if (!source) {
      if (ctx.parsed.options.size > 0)
        return usageError(this, 'Name the repository: `/release link github acme/shop …`.');
      return ephemeral(buildLinkListMessage(await listLinks(ctx.deps, ref)));
    }
    const badSource = whyNotSource(source);
    if (badSource) return usageError(this, badSource);
    if (!repo) return usageError(this, 'Name the repository: `/release link github acme/shop`.');
    if (extra.length > 0) {
      return usageError(
        this,
        `${code(extra.join(' '))} is not an option; the options are environment:, branch:, checks: and milestone:.`,
      );
    }
    const input = parseLinkInput({ repo, options: ctx.parsed.options });
    if (!input.ok) return usageError(this, input.message);
    const linked = await linkRepository(ctx.deps, { ...ref, actorId: ctx.userId, settings: input.settings });
    if (!linked.ok) return problem(linked.message);
    return ephemeral(buildLinkedMessage(linked.link, linked.release, linked.replaced));
  },
};

const unlink: Subcommand<GithubDeps> = {
  name: 'unlink',
  topic: 'pipeline',
  usage: '/release unlink github <owner>/<repo>',
  summary: 'Unlink a GitHub repository from this channel’s releases: its events are ignored from then on.',
  example: '/release unlink github acme/shop',
  details: 'The Release Manager or DevOps (a person). `/release link` lists the links.',
  options: [],
  async run(ctx) {
    const [source, repo, ...extra] = ctx.parsed.words;
    const ref = { teamId: ctx.teamId, channelId: ctx.channelId };
    const badSource = whyNotSource(source);
    if (badSource) return usageError(this, badSource);
    if (!source || !repo) return usageError(this, 'Name the repository: `/release unlink github acme/shop`.');
    if (extra.length > 0)
      return usageError(this, `${code(extra.join(' '))} is extra: unlink one repository at a time.`);
    const unlinked = await unlinkRepository(ctx.deps, { ...ref, actorId: ctx.userId, repo });
    if (!unlinked.ok) return problem(unlinked.message);
    return ephemeral(buildUnlinkedMessage(unlinked.link));
  },
};

export const GITHUB_SUBCOMMANDS: Subcommand<GithubDeps>[] = [link, unlink];
