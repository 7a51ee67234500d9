import type { Release } from '../core/domain/release.ts';
import type { DeploymentGate } from '../gate/index.ts';
import type { Deployment, NewDeployment } from './domain/deployments.ts';
import type { IdempotencyRecord, StoredAnswer } from './domain/idempotency.ts';
import type { RateWindow } from './domain/rate-limit.ts';
import type { ApiToken, NewApiToken } from './domain/tokens.ts';

export type ApiStore = {
  insertToken: (token: NewApiToken) => Promise<ApiToken>;
  tokenByHash: (hash: string) => Promise<ApiToken | undefined>;
  /** The channel's tokens, revoked ones included, oldest first. */
  tokensOfChannel: (teamId: string, channelId: string) => Promise<ApiToken[]>;
  revokeToken: (id: number, by: string, at: Date) => Promise<void>;
  touchToken: (id: number, at: Date) => Promise<void>;
  rateWindow: (tokenId: number) => Promise<RateWindow | undefined>;
  saveRateWindow: (window: RateWindow) => Promise<void>;
  idempotency: (tokenId: number, key: string) => Promise<IdempotencyRecord | undefined>;
  /** Claims the key (a pending record, replacing an expired or abandoned one). */
  claimIdempotency: (record: Omit<IdempotencyRecord, 'answer'>) => Promise<void>;
  completeIdempotency: (tokenId: number, key: string, answer: StoredAnswer) => Promise<void>;
  /** Gives a claim back (the request failed before it changed anything). */
  releaseIdempotency: (tokenId: number, key: string) => Promise<void>;
  /** Forgets answers created before `before`; returns how many. */
  pruneIdempotency: (before: Date) => Promise<number>;
  insertDeployment: (deployment: NewDeployment) => Promise<Deployment>;
  /** The release's deployments, oldest first. */
  deploymentsOf: (releaseId: number) => Promise<Deployment[]>;
};

/** What the channel is told of a pipeline's report. Rendered and posted by the Slack gateway. */
export type PipelineNotice =
  | {
      kind: 'check_failed';
      release: Release;
      item: { key: string; label: string };
      actorId: string;
      url: string;
      summary: string | undefined;
      goStale: boolean;
    }
  | { kind: 'deployment_started'; release: Release; deployment: Deployment; gate: DeploymentGate }
  | { kind: 'deployment_blocked'; release: Release; deployment: Deployment; gate: DeploymentGate }
  | { kind: 'deployment_failed'; release: Release; deployment: Deployment }
  | {
      kind: 'shipped';
      release: Release;
      deployment: Deployment;
      gate: DeploymentGate;
      /** The thread mention of the roles Informed of deployment (RACI), if any. */
      informed: string | undefined;
    }
  | { kind: 'rolled_back'; release: Release; deployment: Deployment; informed: string | undefined };

export type PipelineMessenger = {
  /** Posts the notice in the release's channel; a failure is the caller's to log, never to undo the report. */
  announce: (notice: PipelineNotice) => Promise<void>;
};

/** Why a held `wait` ended: something about the release changed (or the poll interval passed), or not. */
export type HoldSignal = 'again' | 'timeout' | 'stopping' | 'aborted';

/**
 * A held `GET …/gate?wait=`: `next()` resolves `again` when the release may have changed (told in this process by
 * `notify`, or at the database poll interval, for a change another replica made), `timeout` when the client's wait
 * is over, `stopping` when the bot shuts down, `aborted` when the client went away. The wait is real time: it is
 * the client's, not the bot's clock.
 */
export type GateHold = { next: () => Promise<HoldSignal>; close: () => void };

export type GateWatch = {
  hold: (releaseId: number, waitMs: number, signal?: AbortSignal) => GateHold;
  /** Something the gate weighs changed for the release (readinessChanged, pollDecided). */
  notify: (releaseId: number) => void;
};

/** Makes and hashes token secrets (randomness and SHA-256 live outside the use cases). */
export type TokenSecrets = {
  /** A new secret: `rbt_` and 32 random bytes, base64url. */
  generate: () => string;
  /** SHA-256, hex. */
  hash: (text: string) => string;
};
