import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { type ApiToken, isRevoked } from '../../domain/tokens.ts';

/** The one time the secret is shown: privately, to the Release Manager who created it. */
export function buildTokenCreatedMessage(token: ApiToken, secret: string): SlackMessage {
  const text =
    `:key: API token *${escapeMrkdwn(token.name)}* for <#${token.channelId}>. Copy it now: *this is the only time it ` +
    'is shown*; only its SHA-256 is kept.';
  return {
    text: `API token ${token.name} created (shown only once)`,
    blocks: [
      section(text),
      section(`\`\`\`${secret}\`\`\``),
      section(
        'Store it as a secret of your pipeline (say `RELEASE_BOT_TOKEN`) and send it as `Authorization: Bearer …`. ' +
          'Try it:\n```curl --fail -H "Authorization: Bearer $RELEASE_BOT_TOKEN" "https://&lt;your bot&gt;/api/v1/releases/current/gate"```',
      ),
      context(
        'It acts on this channel’s releases as “CI (' +
          `${escapeMrkdwn(token.name)})”. Revoke it with \`/release token revoke ${escapeMrkdwn(token.name)}\`. ` +
          'The endpoints: `/api/v1/openapi.json`.',
      ),
    ],
  };
}

function tokenLine(token: ApiToken): string {
  const used = token.lastUsedAt ? `last used ${formatInstant(token.lastUsedAt)}` : '_never used_';
  return (
    `• *${escapeMrkdwn(token.name)}* · created by <@${token.createdBy}> ${formatInstant(token.createdAt)} · ` +
    `${used} · <#${token.channelId}>`
  );
}

/** `/release token list`: names, creators, last use and the channel; never a secret. */
export function buildTokenListMessage(tokens: readonly ApiToken[], release: Release): SlackMessage {
  const active = tokens.filter((t) => !isRevoked(t));
  const revoked = tokens.filter(isRevoked);
  const blocks = [header(`API tokens · ${active.length} active`)];
  blocks.push(
    section(
      active.length > 0
        ? active.map(tokenLine).join('\n')
        : 'This channel has no active API token. Create one with `/release token create &lt;name&gt;`.',
    ),
  );
  if (revoked.length > 0) {
    blocks.push(
      context(
        `Revoked: ${revoked
          .slice(-10)
          .map((t) => `${escapeMrkdwn(t.name)} (by <@${t.revokedBy}> ${t.revokedAt ? formatInstant(t.revokedAt) : ''})`)
          .join(', ')}`,
      ),
    );
  }
  blocks.push(context(`Managed by the Release Manager of ${releaseLabel(release)}. Secrets are never shown again.`));
  return { text: `${active.length} active API tokens`, blocks };
}

export function buildTokenRevokedNotice(token: ApiToken): SlackMessage {
  const text = `:no_entry_sign: API token *${escapeMrkdwn(token.name)}* is revoked: the next request with it gets 401.`;
  return { text, blocks: [section(text)] };
}
