/**
 * The topics `/release help` groups subcommands under, in the order it lists them. Which subcommand belongs to which
 * topic is declared on the subcommand itself (`Subcommand.topic`), next to its usage, so a new subcommand cannot be
 * left out of help: the type requires it. A topic's key is the word after `/release help`; it must not be a
 * subcommand's name (a test checks), so `help <command>` always explains the command.
 */
export const HELP_TOPICS = {
  releases: { title: 'Releases', blurb: 'Create a release, see where it stands, move its dates, end it.' },
  people: { title: 'Roles & absence', blurb: 'Who holds which role, and who stands in while someone is away.' },
  standups: { title: 'Standups, risks & schedule', blurb: 'The daily standup, the risk register, what runs when.' },
  polls: { title: 'Decisions & polls', blurb: 'Go/no-go and rollback polls, decisions by authority, the log.' },
  governance: { title: 'Checklist & governance', blurb: 'The release checklist, handoffs and the RACI matrix.' },
  escalating: { title: 'Escalation', blurb: 'Raise an escalation, configure its three levels, follow it.' },
  reports: { title: 'Reports & export', blurb: 'Metrics across releases and the exported record of one.' },
  pipeline: {
    title: 'Pipeline & gate',
    blurb: 'Ship through the deployment gate; API tokens and GitHub links for CI/CD.',
  },
} as const satisfies Record<string, { title: string; blurb: string }>;

export type HelpTopic = keyof typeof HELP_TOPICS;

export const HELP_TOPIC_KEYS = Object.keys(HELP_TOPICS) as HelpTopic[];

/** How many subcommands "Getting started" shows: the path of one release, no more. */
export const GETTING_STARTED_STEPS = 5;

/** A subcommand's place in "Getting started", 1 to 5, when it is one of the steps of a first release. */
export type GettingStartedStep = 1 | 2 | 3 | 4 | 5;
