import type { PostedMessage } from '../core/ports.ts';
import type { Escalation, EscalationAlert, EscalationStatus, NewEscalation } from './domain/escalation.ts';
import type { EscalationLevel, LevelSetting, ReleaseLevelSetting } from './domain/levels.ts';

/** A message the bot posted for an escalation, so it can be updated in place later. */
export type EscalationMessage = {
  escalationId: number;
  step: number;
  /** `reping`: a threaded reply under the level's message that pings again. */
  kind: 'level' | 'notice' | 'reping';
  level: EscalationLevel;
  channelId: string;
  ts: string;
  postedAt: Date;
};

export type EscalationStore = {
  insert: (escalation: NewEscalation) => Promise<Escalation>;
  findById: (id: number) => Promise<Escalation | undefined>;
  /** Writes the escalation's whole state (status, level, step, history, acknowledgement, resolution). */
  save: (escalation: Escalation) => Promise<void>;
  /**
   * Writes the escalation only if it is still at `expected` (step and status) in the database: the claim that makes
   * each step happen once when a timer, a click and a second process race. False when someone else moved it first.
   */
  saveIfCurrent: (escalation: Escalation, expected: { step: number; status: EscalationStatus }) => Promise<boolean>;
  /** Not yet resolved, oldest first. */
  listActive: (teamId: string) => Promise<Escalation[]>;
  listForRelease: (releaseId: number) => Promise<Escalation[]>;
  /** Raised at or after `since`, oldest first (for metrics). */
  listRaisedSince: (teamId: string, since: Date) => Promise<Escalation[]>;
  /** Records a posted message; false when one is already recorded for that step and kind. */
  addMessage: (message: EscalationMessage) => Promise<boolean>;
  messages: (escalationId: number) => Promise<EscalationMessage[]>;
  levelSettings: (teamId: string) => Promise<LevelSetting[]>;
  /** Records (or rewrites) where an escalation came from and how often it fired. */
  saveAlert: (alert: EscalationAlert) => Promise<void>;
  alertOf: (escalationId: number) => Promise<EscalationAlert | undefined>;
  /** The release's unresolved escalation raised by an alert with this dedup key, with the alert, if any. */
  activeAlert: (
    releaseId: number,
    dedupKey: string,
  ) => Promise<{ escalation: Escalation; alert: EscalationAlert } | undefined>;
  saveLevelSetting: (setting: LevelSetting) => Promise<void>;
  /** A release's own overrides, by level. */
  releaseLevelSettings: (releaseId: number) => Promise<ReleaseLevelSetting[]>;
  saveReleaseLevelSetting: (setting: ReleaseLevelSetting) => Promise<void>;
};

/** Everything needed to show one escalation message; the current state is in `escalation`. */
export type EscalationCard = {
  escalation: Escalation;
  release: { id: number; name: string; channelId: string; timeZone: string };
  /** The level this message was posted for (an older message shows that the escalation moved on). */
  postedLevel: EscalationLevel;
  /** The level is not set up: the message went to the highest reachable level's channel instead. */
  fallback?: { missing: EscalationLevel; channelId: string };
  /** Outside the level's hours the climb timer is paused until this instant. */
  pausedUntil?: Date;
  /** Whom the posting pings: user ids (U…) and user group ids (S…). */
  pings: string[];
  /** A line for the reader, e.g. that a level is not configured and the command that configures it. */
  hint?: string;
  /** Raised by a monitor: its link, and how often it fired ("fired again ×N"). */
  alert?: EscalationAlert;
};

/** A level whose post did not get through, for the notice in the release channel. */
export type UnreachableLevel = {
  escalation: Escalation;
  release: { id: number; name: string; channelId: string };
  levelChannelId: string;
  /** Slack's reason (`not_in_channel`, `internal_error`, …). */
  reason: string;
  needsInvite: boolean;
  /** How many tries were made before giving up. */
  gaveUpAfter: number;
};

/**
 * Posts and updates escalation messages outside a request (timers) as well as inside one. A post is made once per
 * `key`: posting a key again returns the message already posted.
 */
export type EscalationPager = {
  /** Posts the escalation in a level's channel, mentioning the level's people. */
  postLevel: (channelId: string, card: EscalationCard, key: string) => Promise<PostedMessage>;
  /** Posts the short notice in the release channel, linking to the level message. */
  postNotice: (
    channelId: string,
    card: EscalationCard,
    levelMessage: PostedMessage,
    key: string,
  ) => Promise<PostedMessage>;
  /** Pings the level again as a threaded reply under its live message (`root`), not a new top-level copy. */
  postReping: (channelId: string, card: EscalationCard, root: PostedMessage, key: string) => Promise<PostedMessage>;
  /** A direct message to one person about the escalation (the Release Manager told that a level is not set up). */
  postDirect: (
    userId: string,
    card: EscalationCard,
    levelMessage: PostedMessage,
    hint: string,
    key: string,
  ) => Promise<PostedMessage>;
  /** Tells the release channel that a level could not be reached (Slack refused or kept failing the post). */
  postUnreachable: (channelId: string, problem: UnreachableLevel, key: string) => Promise<PostedMessage>;
  /**
   * Re-renders a posted message from the current state: buttons go once it is resolved, and a copy that is not the
   * live message (`levelMessage`) points up to it without buttons.
   */
  update: (message: EscalationMessage, card: EscalationCard, levelMessage: PostedMessage | undefined) => Promise<void>;
};

/** Who is in a user group, and who administers the workspace, as Slack says (briefly cached). */
export type EscalationDirectory = {
  /** The members of a user group (`usergroups.users.list`); empty when Slack does not say. */
  groupMembers: (groupId: string) => Promise<string[]>;
  /** A workspace admin or owner (`users.info` `is_admin`/`is_owner`). */
  isWorkspaceAdmin: (userId: string) => Promise<boolean>;
};
