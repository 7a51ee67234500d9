import type { PostedMessage } from '../core/ports.ts';
import type { Escalation, EscalationAlert, NewEscalation } from './domain/escalation.ts';
import type { EscalationLevel, LevelSetting } from './domain/levels.ts';

/** A message the bot posted for an escalation, so it can be updated in place later. */
export type EscalationMessage = {
  escalationId: number;
  step: number;
  kind: 'level' | 'notice';
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
};

/** Everything needed to show one escalation message; the current state is in `escalation`. */
export type EscalationCard = {
  escalation: Escalation;
  release: { id: number; name: string; channelId: string };
  /** The level this message was posted for (an older message shows that the escalation moved on). */
  postedLevel: EscalationLevel;
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
  /** Tells the release channel that a level could not be reached (Slack refused or kept failing the post). */
  postUnreachable: (channelId: string, problem: UnreachableLevel, key: string) => Promise<PostedMessage>;
  /** Re-renders a posted message from the current state (buttons go once it is resolved). */
  update: (message: EscalationMessage, card: EscalationCard, levelMessage: PostedMessage | undefined) => Promise<void>;
};
