import type { Person } from '../../src/core/domain/people.ts';
import type { UserDirectory } from '../../src/core/ports.ts';

export function person(id: string, overrides: Partial<Person> = {}): Person {
  return {
    id,
    name: id.toLowerCase(),
    isBot: false,
    isAppUser: false,
    isWorkflowBot: false,
    deleted: false,
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

/** The user-directory port, answered from a fixed list (what users.info would say). */
export function fakeDirectory(people: Person[]): UserDirectory & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    async lookup(userId) {
      lookups.push(userId);
      return people.find((p) => p.id === userId);
    },
  };
}

export const TEAM = 'T0TEAM';
export const CHANNEL = 'C0RELEASE';

/** The cast used across tests: one holder per role plus an outsider and some non-humans. */
export const CAST = {
  rm: person('URM'),
  tech: person('UTECH'),
  qa: person('UQA'),
  devops: person('UDEVOPS'),
  po: person('UPO'),
  outsider: person('UOUT'),
  bot: person('UBOTX', { isBot: true }),
  app: person('UAPP', { isAppUser: true }),
  gone: person('UGONE', { deleted: true }),
  slackbot: person('USLACKBOT'),
} as const;
