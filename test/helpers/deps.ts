import { createGateWatch, createTokenSecrets, type RunningGateWatch } from '../../src/api/index.ts';
import type { PipelineMessenger, PipelineNotice } from '../../src/api/ports.ts';
import { wireContributions } from '../../src/contributions.ts';
import type { ChannelMembership, Logger, ModalOpener, ModalToOpen } from '../../src/core/ports.ts';
import type { Deps } from '../../src/deps.ts';
import type { EscalationDirectory } from '../../src/escalation/ports.ts';
import type { GithubMessenger, GithubNotice } from '../../src/github/ports.ts';
import type { PollMessenger } from '../../src/polls/ports.ts';
import type { HomeRefresher } from '../../src/releases/index.ts';
import { type ManualClock, manualClock } from './clock.ts';
import { recordingEscalationPager } from './escalation-pager.ts';
import { type RecordingMessengers, recordingMessengers } from './messengers.ts';
import { CAST, fakeDirectory } from './people.ts';
import { createTestStore } from './test-db.ts';

export type RecordingLogger = Logger & { entries: Array<{ level: string; msg: unknown[] }> };

export function recordingLogger(): RecordingLogger {
  const entries: Array<{ level: string; msg: unknown[] }> = [];
  const at =
    (level: string) =>
    (...msg: unknown[]) =>
      void entries.push({ level, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export type RecordingPollMessenger = PollMessenger & {
  published: number[];
  refreshed: number[];
  threads: Array<{ pollId: number; text: string }>;
};

/** The poll-messenger port as a recorder: what the use cases asked to post, refresh and say in threads. */
export function recordingPollMessenger(): RecordingPollMessenger {
  const recorder: RecordingPollMessenger = {
    published: [],
    refreshed: [],
    threads: [],
    async publish(pollId) {
      recorder.published.push(pollId);
      return `1700000000.${String(pollId).padStart(6, '0')}`;
    },
    async refresh(pollId) {
      recorder.refreshed.push(pollId);
    },
    async notifyThread(pollId, text) {
      recorder.threads.push({ pollId, text });
    },
  };
  return recorder;
}

/** Use cases never ask; the release channel's members are the standard cast. */
export const castChannels: ChannelMembership = {
  isMember: async (_channelId, userId) => Object.values(CAST).some((p) => p.id === userId),
};

/** User group S0MGRS holds the Tech Lead and the outsider; nobody administers the workspace. */
export const castEscalationDirectory: EscalationDirectory = {
  groupMembers: async (groupId) => (groupId === 'S0MGRS' ? [CAST.tech.id, CAST.outsider.id] : []),
  isWorkspaceAdmin: async () => false,
};

/** The modal opener as a recorder: use cases never open modals, but every Deps has one. */
export function recordingModals(): ModalOpener & { opened: ModalToOpen[] } {
  const opened: ModalToOpen[] = [];
  return {
    opened,
    async open({ view }) {
      opened.push(view);
      return { ok: true, viewId: `V0TEST${opened.length}` };
    },
  };
}

export type RecordingPipelineMessenger = PipelineMessenger & { notices: PipelineNotice[] };

/** The pipeline messenger port as a recorder: what the API's use cases announced in the channel. */
export function recordingPipelineMessenger(): RecordingPipelineMessenger {
  const notices: PipelineNotice[] = [];
  return {
    notices,
    async announce(notice) {
      notices.push(notice);
    },
  };
}

export type RecordingGithubMessenger = GithubMessenger & { notices: Array<{ notice: GithubNotice; key: string }> };

/** The GitHub messenger port as a recorder: what the GitHub module announced, with each post's key. */
export function recordingGithubMessenger(): RecordingGithubMessenger {
  const notices: RecordingGithubMessenger['notices'] = [];
  return {
    notices,
    async announce(notice, key) {
      notices.push({ notice, key });
    },
  };
}

export type RecordingHomeRefresh = HomeRefresher & { changes: Array<{ releaseId: number; userIds: string[] }> };

/** The App Home refresher as a recorder: which releases (and people) the use cases said had changed. */
export function recordingHomeRefresh(): RecordingHomeRefresh {
  const changes: RecordingHomeRefresh['changes'] = [];
  return {
    changes,
    changed: (releaseId, userIds = []) => void changes.push({ releaseId, userIds: [...userIds] }),
    published: () => undefined,
  };
}

export type TestDeps = Deps & {
  homeRefresh: RecordingHomeRefresh;
  clock: ManualClock;
  logger: RecordingLogger;
  pollMessenger: RecordingPollMessenger;
  escalationPager: ReturnType<typeof recordingEscalationPager>;
  messengers: RecordingMessengers;
  pipelineMessenger: RecordingPipelineMessenger;
  githubMessenger: RecordingGithubMessenger;
  gateWatch: RunningGateWatch;
};

/** Use-case dependencies over a real on-disk store, a manual clock and the standard cast. */
export function createTestDeps(
  options: { now?: string } = {},
): TestDeps & { database: ReturnType<typeof createTestStore> } {
  const database = createTestStore();
  return depsOver(database.store, manualClock(options.now ?? '2026-11-23T09:00:00Z'), { database });
}

/** The same dependencies over a given store (another replica's, a PostgreSQL one) and clock. */
export function depsOver<E extends object = object>(
  store: Deps['store'],
  clock: ManualClock,
  extra: E = {} as E,
): TestDeps & E {
  const messengers = recordingMessengers();
  return wireContributions({
    ...extra,
    store,
    clock,
    users: fakeDirectory(Object.values(CAST)),
    logger: recordingLogger(),
    modals: recordingModals(),
    channels: castChannels,
    defaultTimeZone: 'UTC',
    escalationPager: recordingEscalationPager(),
    escalationMaxAgeMs: 7 * 86_400_000,
    escalationDirectory: castEscalationDirectory,
    escalationAdmins: [],
    pollMessenger: recordingPollMessenger(),
    catchUpGraceMs: 2 * 3_600_000,
    standupMessenger: messengers.standups,
    riskReporter: messengers.risks,
    retroMessenger: messengers.retros,
    pipelineMessenger: recordingPipelineMessenger(),
    githubMessenger: recordingGithubMessenger(),
    gateWatch: createGateWatch(),
    tokenSecrets: createTokenSecrets(),
    homeRefresh: recordingHomeRefresh(),
    metricsCharts: messengers.metricsCharts,
    messengers,
  });
}
