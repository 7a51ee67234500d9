/** The five core roles of the source document "Release Responsibilities". */
export const ROLES = ['rm', 'tech_lead', 'qa_lead', 'devops', 'product_owner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  rm: 'Release Manager',
  tech_lead: 'Tech Lead',
  qa_lead: 'QA Lead',
  devops: 'DevOps Engineer',
  product_owner: 'Product Owner',
};

/** The keyword people type for each role, as in commands.md. */
export const ROLE_KEYWORDS: Record<Role, string> = {
  rm: 'rm',
  tech_lead: 'tech-lead',
  qa_lead: 'qa',
  devops: 'devops',
  product_owner: 'po',
};

const ROLE_ALIASES: Record<string, Role> = {
  rm: 'rm',
  'release-manager': 'rm',
  'tech-lead': 'tech_lead',
  techlead: 'tech_lead',
  tl: 'tech_lead',
  qa: 'qa_lead',
  'qa-lead': 'qa_lead',
  devops: 'devops',
  'devops-engineer': 'devops',
  po: 'product_owner',
  'product-owner': 'product_owner',
};

export function parseRole(input: string): Role | undefined {
  return ROLE_ALIASES[input.trim().toLowerCase().replaceAll('_', '-')];
}

export type RoleAssignment = {
  releaseId: number;
  role: Role;
  userId: string;
  assignedBy: string;
  assignedAt: Date;
};

export function holdersOf(assignments: readonly RoleAssignment[], role: Role): string[] {
  return assignments.filter((a) => a.role === role).map((a) => a.userId);
}

export function rolesOf(assignments: readonly RoleAssignment[], userId: string): Role[] {
  return ROLES.filter((role) => assignments.some((a) => a.role === role && a.userId === userId));
}

export function isReleaseManager(assignments: readonly RoleAssignment[], userId: string): boolean {
  return assignments.some((a) => a.role === 'rm' && a.userId === userId);
}
