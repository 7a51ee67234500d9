import { escapeMrkdwn } from './markup.ts';

/**
 * Who took a step. A person is their Slack user id (`U…`, `W…`); a pipeline reporting through the HTTP API (issue 14)
 * is `ci:<token name>`, kept in the same columns (`tickedBy`, `actorId`, `raisedBy`), so every record says who acted
 * and no record pretends a pipeline is a person. A pipeline never holds a role, votes or decides.
 */
const PIPELINE_PREFIX = 'ci:';

/** A token name: letters, digits, `.`, `_` and `-`, 1 to 40 characters (so it needs no escaping anywhere). */
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export function pipelineActorId(tokenName: string): string {
  return `${PIPELINE_PREFIX}${tokenName}`;
}

/** The token name when `actorId` is a pipeline, else undefined. */
export function pipelineName(actorId: string): string | undefined {
  return actorId.startsWith(PIPELINE_PREFIX) ? actorId.slice(PIPELINE_PREFIX.length) : undefined;
}

export function isPipelineActor(actorId: string): boolean {
  return pipelineName(actorId) !== undefined;
}

/** Who acted, as plain words: `CI (deploy-bot)` for a pipeline, the id for a person. */
export function actorLabel(actorId: string): string {
  const name = pipelineName(actorId);
  return name === undefined ? actorId : `CI (${name})`;
}

/** Who acted, in mrkdwn: a mention for a person (`<@U…>`), `CI (deploy-bot)` for a pipeline. */
export function actorMention(actorId: string): string {
  const name = pipelineName(actorId);
  return name === undefined ? `<@${actorId}>` : `CI (${escapeMrkdwn(name)})`;
}
