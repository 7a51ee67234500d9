import type { FakeChannel, FakeUser } from '../support/fake-slack/fake-slack.ts';

/** Who can be played in the sandbox: the label says what they are meant to play in a release. */
export type SandboxPerson = FakeUser & { plays: string };

/** The same user ids as the tests' CAST, with names a person can read. */
export const SANDBOX_PEOPLE: SandboxPerson[] = [
  { id: 'URM', name: 'rosa', realName: 'Rosa Martin', plays: 'Release Manager', tz: 'Europe/Berlin' },
  { id: 'UTECH', name: 'theo', realName: 'Theo Lang', plays: 'Tech Lead', tz: 'Europe/Berlin' },
  { id: 'UQA', name: 'quinn', realName: 'Quinn Adams', plays: 'QA Lead', tz: 'Europe/London' },
  { id: 'UDEVOPS', name: 'devi', realName: 'Devi Patel', plays: 'DevOps', tz: 'Asia/Kolkata' },
  { id: 'UPO', name: 'paula', realName: 'Paula Olsen', plays: 'Product Owner', tz: 'America/New_York' },
  { id: 'UOUT', name: 'oscar', realName: 'Oscar Reyes', plays: 'Outsider (no role)', tz: 'UTC' },
  { id: 'UBOTX', name: 'ci-bot', realName: 'CI Bot', plays: 'A bot account', isBot: true, tz: 'UTC' },
];

export const SANDBOX_CHANNELS: FakeChannel[] = [
  { id: 'C0RELEASE', name: 'release' },
  { id: 'C0MGMT', name: 'eng-managers' },
  { id: 'C0EXEC', name: 'executives' },
];

export const RELEASE_CHANNEL = 'C0RELEASE';
