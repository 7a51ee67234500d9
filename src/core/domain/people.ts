import { ROLE_LABELS, type Role } from './roles.ts';

/** What the bot knows of a Slack account, as the user directory reports it. */
export type Person = {
  id: string;
  name: string;
  isBot: boolean;
  isAppUser: boolean;
  isWorkflowBot: boolean;
  deleted: boolean;
  timeZone: string | null;
};

const SLACKBOT_ID = 'USLACKBOT';

/** Why an account may not act as a human (vote, decide, hold the Release Manager role), or undefined if it may. */
export function whyNotHuman(person: Person): string | undefined {
  if (person.id === SLACKBOT_ID) return 'Slackbot is not a person';
  if (person.deleted) return `<@${person.id}> is a deactivated account`;
  if (person.isBot || person.isWorkflowBot) return `<@${person.id}> is a bot`;
  if (person.isAppUser) return `<@${person.id}> is an app user`;
  return undefined;
}

/**
 * The Release Manager is human-only (source: "Release Manager Role (Human)"). Other roles may not go to deactivated
 * accounts or Slackbot either, since nobody would answer for them; a bot may hold them but never votes or decides.
 */
export function decideRoleEligibility(person: Person, role: Role): { ok: true } | { ok: false; reason: string } {
  if (role === 'rm') {
    const why = whyNotHuman(person);
    if (why) return { ok: false, reason: `${why}; the ${ROLE_LABELS.rm} must be a person.` };
    return { ok: true };
  }
  if (person.id === SLACKBOT_ID || person.deleted) {
    return { ok: false, reason: `${whyNotHuman(person)} and cannot hold the ${ROLE_LABELS[role]} role.` };
  }
  return { ok: true };
}
