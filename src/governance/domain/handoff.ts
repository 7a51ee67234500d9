import type { Activity } from '../../core/domain/raci.ts';
import type { Role } from '../../core/domain/roles.ts';

/**
 * The three handoffs of "Release Responsibilities" → Handoff Procedures, in order. The handing role signs off, the
 * receiving role confirms. Operations is not one of the bot's roles: the Release Manager, who owns production
 * oversight and incident response (seed "Release Manager Role"), confirms for Operations.
 */
export const HANDOFFS = [
  {
    key: 'dev_qa',
    keyword: 'dev-qa',
    title: 'Development → QA',
    from: 'tech_lead',
    to: 'qa_lead',
    receiverLabel: 'QA',
    steps: [
      'Technical Lead provides test environment setup',
      'QA Lead confirms readiness to test',
      'Known issues documented and shared',
    ],
    activity: 'test_planning',
  },
  {
    key: 'qa_devops',
    keyword: 'qa-devops',
    title: 'QA → DevOps',
    from: 'qa_lead',
    to: 'devops',
    receiverLabel: 'DevOps',
    steps: [
      'QA Lead provides test results and sign-off',
      'DevOps confirms deployment readiness',
      'Release artifacts validated',
    ],
    activity: 'deployment',
  },
  {
    key: 'devops_ops',
    keyword: 'devops-ops',
    title: 'DevOps → Operations',
    from: 'devops',
    to: 'rm',
    receiverLabel: 'Operations (confirmed by the Release Manager)',
    steps: [
      'DevOps provides runbook and monitoring setup',
      'Operations confirms support readiness',
      'Incident response procedures verified',
    ],
    activity: 'deployment',
  },
] as const satisfies ReadonlyArray<{
  key: string;
  keyword: string;
  title: string;
  from: Role;
  to: Role;
  receiverLabel: string;
  steps: readonly string[];
  activity: Activity;
}>;

export type HandoffKey = (typeof HANDOFFS)[number]['key'];
export type HandoffDefinition = (typeof HANDOFFS)[number];

export function parseHandoff(input: string): HandoffDefinition | undefined {
  const word = input.trim().toLowerCase().replaceAll('_', '-').replace('→', '-').replace('operations', 'ops');
  return HANDOFFS.find((h) => h.keyword === word || h.key === word.replaceAll('-', '_'));
}

export function handoffDefinition(key: string): HandoffDefinition | undefined {
  return HANDOFFS.find((h) => h.key === key);
}

/** A handoff's record on one release; absent fields mean the step has not happened. */
export type HandoffState = {
  releaseId: number;
  key: string;
  signedOffBy: string | null;
  signedOffAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  channelId: string | null;
  messageTs: string | null;
};

export type HandoffStep = 'sign_off' | 'confirm';

export type HandoffDecision =
  | { ok: true }
  | { ok: false; reason: 'wrong_role'; needs: Role }
  | { ok: false; reason: 'already_done'; by: string; at: Date }
  | { ok: false; reason: 'not_signed_off' }
  | { ok: false; reason: 'previous_not_confirmed'; previous: HandoffDefinition };

/**
 * Whether `actorRoles` may take `step` on handoff `key` now. The handing role signs off at any time; the receiving role
 * confirms only after the sign-off and only once the previous handoff has been confirmed, so the three happen in order.
 */
export function decideHandoffStep(
  key: HandoffKey,
  step: HandoffStep,
  actorRoles: readonly Role[],
  states: readonly HandoffState[],
): HandoffDecision {
  const index = HANDOFFS.findIndex((h) => h.key === key);
  const definition = HANDOFFS[index] as HandoffDefinition;
  const state = states.find((s) => s.key === key);
  if (step === 'sign_off') {
    if (!actorRoles.includes(definition.from)) return { ok: false, reason: 'wrong_role', needs: definition.from };
    if (state?.signedOffBy && state.signedOffAt)
      return { ok: false, reason: 'already_done', by: state.signedOffBy, at: state.signedOffAt };
    return { ok: true };
  }
  if (!actorRoles.includes(definition.to)) return { ok: false, reason: 'wrong_role', needs: definition.to };
  if (state?.confirmedBy && state.confirmedAt)
    return { ok: false, reason: 'already_done', by: state.confirmedBy, at: state.confirmedAt };
  if (!state?.signedOffAt) return { ok: false, reason: 'not_signed_off' };
  const previous = index > 0 ? HANDOFFS[index - 1] : undefined;
  if (previous && !states.find((s) => s.key === previous.key)?.confirmedAt) {
    return { ok: false, reason: 'previous_not_confirmed', previous };
  }
  return { ok: true };
}
