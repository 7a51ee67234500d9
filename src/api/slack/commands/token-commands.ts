import { code } from '../../../core/domain/markup.ts';
import { ephemeral, problem, usageError } from '../../../platform/slack/commands/replies.ts';
import type { Subcommand } from '../../../platform/slack/commands/types.ts';
import type { ApiDeps } from '../../deps.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../usecases/tokens.ts';
import { buildTokenCreatedMessage, buildTokenListMessage, buildTokenRevokedNotice } from '../views/tokens.ts';

const token: Subcommand<ApiDeps> = {
  name: 'token',
  topic: 'pipeline',
  usage: '/release token <create <name> | list | revoke <name>>',
  summary: 'API tokens for CI/CD (the pipeline API): create one (shown once), list them, revoke one. RM only.',
  example: '/release token create github-actions',
  details:
    'A token belongs to this channel and acts on its releases, recorded as “CI (name)”. The secret (`rbt_…`) is ' +
    'shown once, only to you; only its SHA-256 is kept. Pipelines send it as `Authorization: Bearer …` to ' +
    '`/api/v1/…` on the bot (see `/api/v1/openapi.json`). `list` shows names, creators, last use and the channel; ' +
    '`revoke` makes the next request with it fail with 401.',
  options: [],
  async run(ctx) {
    const [action, name, ...extra] = ctx.parsed.words;
    const ref = { teamId: ctx.teamId, channelId: ctx.channelId, actorId: ctx.userId };
    const tooMany = extra.length > 0 ? `A token name is one word; ${code(extra.join(' '))} is extra.` : undefined;
    switch (action?.toLowerCase()) {
      case 'create': {
        if (!name) return usageError(this, 'Name the token: `/release token create github-actions`.');
        if (tooMany) return usageError(this, tooMany);
        const created = await createApiToken(ctx.deps, { ...ref, name });
        if (!created.ok) return problem(created.message);
        return ephemeral(buildTokenCreatedMessage(created.token, created.secret));
      }
      case 'list': {
        if (name) return usageError(this, '`/release token list` takes nothing more.');
        const listed = await listApiTokens(ctx.deps, ref);
        if (!listed.ok) return problem(listed.message);
        return ephemeral(buildTokenListMessage(listed.tokens, listed.release));
      }
      case 'revoke': {
        if (!name) return usageError(this, 'Name the token to revoke: `/release token revoke github-actions`.');
        if (tooMany) return usageError(this, tooMany);
        const revoked = await revokeApiToken(ctx.deps, { ...ref, name });
        if (!revoked.ok) return problem(revoked.message);
        return ephemeral(buildTokenRevokedNotice(revoked.token));
      }
      default:
        return usageError(
          this,
          action
            ? `${code(action)} is not a token action: use create, list or revoke.`
            : 'Say what to do: create, list or revoke.',
        );
    }
  },
};

export const API_SUBCOMMANDS: Subcommand<ApiDeps>[] = [token];
