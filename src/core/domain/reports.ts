/** What the modules know about one finished release; a field no source fills stays undefined ("no data"). */
export type MetricsFacts = {
  standups: { prompted: number; answered: number } | undefined;
  escalations:
    | ReadonlyArray<{ level: number; raisedAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null }>
    | undefined;
  votes: { cast: number; changed: number } | undefined;
  /** True when the release was shipped past the deployment gate (an emergency ship), false when through it. */
  emergencyShip: boolean | undefined;
  /**
   * The production deployments a pipeline reported through the HTTP API (src/api), oldest first; undefined or empty
   * when none were, and the deployment metrics then come from the manual lifecycle.
   */
  deployments: ReadonlyArray<ReportedDeployment> | undefined;
};

export type ReportedDeployment = { status: 'started' | 'succeeded' | 'failed' | 'rolled_back'; at: Date };

/** A section another module adds to the exported record (votes, escalations, standup summaries), as Markdown lines. */
export type RecordSection = { title: string; lines: string[] };
