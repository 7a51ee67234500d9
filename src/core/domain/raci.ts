import type { Role } from './roles.ts';

/** Activities of the RACI matrix in "Release Responsibilities". */
export const ACTIVITIES = [
  'release_planning',
  'technical_design',
  'test_planning',
  'code_review',
  'deployment',
  'go_no_go',
  'rollback',
  'post_release_review',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const ACTIVITY_LABELS: Record<Activity, string> = {
  release_planning: 'Release Planning',
  technical_design: 'Technical Design',
  test_planning: 'Test Planning',
  code_review: 'Code Review',
  deployment: 'Deployment',
  go_no_go: 'Go/No-Go Decision',
  rollback: 'Rollback Decision',
  post_release_review: 'Post-Release Review',
};

export const RACI_LETTERS = ['R', 'A', 'C', 'I'] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];
export type RaciMatrix = Readonly<Record<Activity, Readonly<Record<Role, RaciLetter>>>>;

/** The seed's matrix, verbatim. Rules read it through the helpers below, never by hand-written conditionals. */
export const DEFAULT_RACI: RaciMatrix = {
  release_planning: { rm: 'A', tech_lead: 'R', qa_lead: 'C', devops: 'C', product_owner: 'R' },
  technical_design: { rm: 'C', tech_lead: 'A', qa_lead: 'I', devops: 'R', product_owner: 'I' },
  test_planning: { rm: 'C', tech_lead: 'C', qa_lead: 'A', devops: 'I', product_owner: 'R' },
  code_review: { rm: 'I', tech_lead: 'A', qa_lead: 'C', devops: 'R', product_owner: 'I' },
  deployment: { rm: 'R', tech_lead: 'C', qa_lead: 'I', devops: 'A', product_owner: 'I' },
  go_no_go: { rm: 'A', tech_lead: 'R', qa_lead: 'R', devops: 'R', product_owner: 'R' },
  rollback: { rm: 'A', tech_lead: 'R', qa_lead: 'C', devops: 'R', product_owner: 'C' },
  post_release_review: { rm: 'A', tech_lead: 'R', qa_lead: 'R', devops: 'R', product_owner: 'R' },
};

export function rolesWithLetter(matrix: RaciMatrix, activity: Activity, letter: RaciLetter): Role[] {
  return (Object.entries(matrix[activity]) as Array<[Role, RaciLetter]>)
    .filter(([, value]) => value === letter)
    .map(([role]) => role);
}

export function accountableRole(matrix: RaciMatrix, activity: Activity): Role {
  const [role] = rolesWithLetter(matrix, activity, 'A');
  if (!role) throw new Error(`RACI matrix has no accountable role for ${activity}`);
  return role;
}

const ACTIVITY_ALIASES: Record<string, Activity> = {
  planning: 'release_planning',
  design: 'technical_design',
  testing: 'test_planning',
  review: 'code_review',
  deploy: 'deployment',
  gonogo: 'go_no_go',
  'go-no-go': 'go_no_go',
  retro: 'post_release_review',
  'post-release': 'post_release_review',
  retrospective: 'post_release_review',
};

export function parseActivity(input: string): Activity | undefined {
  const key = input.trim().toLowerCase().replaceAll('_', '-');
  const direct = ACTIVITIES.find((a) => a.replaceAll('_', '-') === key);
  return direct ?? ACTIVITY_ALIASES[key];
}
