import type { RetroMessenger, RiskReporter, StandupMessenger } from '../../src/cadence/ports.ts';
import type { MetricsChartSender } from '../../src/reporting/index.ts';

export type Posted = { port: string; method: string; input: unknown; ts: string };

/** Recording fakes of the posting ports: every call is kept; each post gets a fresh ts. */
export type RecordingMessengers = {
  posts: Posted[];
  standups: StandupMessenger;
  risks: RiskReporter;
  retros: RetroMessenger;
  metricsCharts: MetricsChartSender;
  /** The next call of this method throws (once). */
  failNext: (method: string) => void;
};

export function recordingMessengers(): RecordingMessengers {
  const posts: Posted[] = [];
  const failing = new Set<string>();
  let counter = 0;
  const record =
    (port: string, method: string) =>
    async (input: unknown): Promise<{ ts: string }> => {
      if (failing.delete(method)) throw new Error(`${method} failed (test)`);
      counter += 1;
      const ts = `1700000000.${String(counter).padStart(6, '0')}`;
      posts.push({ port, method, input, ts });
      return { ts };
    };
  return {
    posts,
    failNext: (method) => void failing.add(method),
    standups: {
      postPrompt: record('standups', 'postPrompt'),
      postDmPrompt: async (input) => ({
        channel: `D${input.userId}`,
        ...(await record('standups', 'postDmPrompt')(input)),
      }),
      remindDm: async (input) => void (await record('standups', 'remindDm')(input)),
      closePrompt: async (input) => void (await record('standups', 'closePrompt')(input)),
      postAnswer: record('standups', 'postAnswer'),
      updateAnswer: async (input) => void (await record('standups', 'updateAnswer')(input)),
      remind: async (input) => void (await record('standups', 'remind')(input)),
      postSummary: record('standups', 'postSummary'),
    },
    risks: {
      askForReview: record('risks', 'askForReview'),
      // Use-case tests need no review message kept up to date; the e2e tests check the real one.
      refreshReview: async () => {},
      postReport: record('risks', 'postReport'),
      uploadCharts: async (input) => void (await record('risks', 'uploadCharts')(input)),
    },
    metricsCharts: { send: async (input) => void (await record('metricsCharts', 'send')(input)) },
    retros: {
      postPrompt: record('retros', 'postPrompt'),
      postAnswer: record('retros', 'postAnswer'),
      postSummary: record('retros', 'postSummary'),
    },
  };
}
