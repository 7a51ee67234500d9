import { actorLabel, isPipelineActor } from '../../core/domain/actors.ts';
import { type StoredAuditEntry, SYSTEM_ACTOR } from '../../core/domain/audit.ts';
import { markdownText } from '../../core/domain/markdown.ts';
import { type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import type { RecordSection } from '../../core/domain/reports.ts';
import { holdersOf, ROLE_LABELS, ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';
import {
  type AuthorityConflict,
  authorityArea,
  CHECKLIST_OVERRIDE_AREA,
  GATE_OVERRIDE_AREA,
  GO_RECONFIRMED_AREA,
} from '../../governance/domain/authority.ts';
import type { ChecklistItem, ChecklistTick } from '../../governance/domain/checklist.ts';
import type { Decision } from '../../governance/domain/decision.ts';
import { HANDOFFS, type HandoffState } from '../../governance/domain/handoff.ts';

/** Everything the exported record of a release is built from. */
export type ReleaseRecord = {
  release: Release;
  generatedAt: Date;
  generatedBy: string;
  assignments: RoleAssignment[];
  decisions: Decision[];
  conflicts: AuthorityConflict[];
  checklist: ChecklistItem[];
  checklistTicks: ChecklistTick[];
  handoffs: HandoffState[];
  audit: StoredAuditEntry[];
  sections: RecordSection[];
  /** Each person the record names: their Slack display or real name (an id Slack could not name stays an id). */
  people: Record<string, string>;
};

/** A user id as the record shows it: the person's name (their id is in the People table, once). */
type NameOf = (id: string | null) => string;

/** `2026-11-23 10:00 UTC+01:00`: the wall time in the release's zone, with its offset from UTC then. */
export function formatIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace(/^GMT/, 'UTC');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${offset}`;
}

/** Every user id the record refers to: roles, decisions, ticks, the audit log and other modules' lines. */
export function peopleIn(record: Omit<ReleaseRecord, 'people'>): string[] {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id && id !== SYSTEM_ACTOR) ids.add(id);
  };
  add(record.generatedBy);
  add(record.release.createdBy);
  for (const a of record.assignments) add(a.userId);
  for (const d of record.decisions) add(d.decidedBy);
  for (const c of record.conflicts) add(c.recordedBy);
  for (const i of record.checklist) add(i.tickedBy);
  for (const t of record.checklistTicks) add(t.actorId);
  for (const h of record.handoffs) {
    add(h.signedOffBy);
    add(h.confirmedBy);
  }
  for (const e of record.audit) {
    add(e.actorId);
    for (const id of userIdsIn(e.after)) add(id);
  }
  for (const line of record.sections.flatMap((s) => s.lines)) {
    for (const m of line.matchAll(MENTION)) add(m[1]);
  }
  return [...ids];
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

function userIdsIn(value: unknown): string[] {
  if (typeof value === 'string') return USER_ID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(userIdsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(userIdsIn);
  return [];
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function decisionLine(d: Decision, user: NameOf, when_: (at: Date) => string): string {
  const when = when_(d.decidedAt);
  if (d.kind === 'authority') {
    const area =
      d.area === CHECKLIST_OVERRIDE_AREA
        ? 'Checklist override (Go with open items)'
        : d.area === GATE_OVERRIDE_AREA
          ? 'Deployment gate override (emergency ship)'
          : d.area === GO_RECONFIRMED_AREA
            ? 'Go re-confirmed'
            : (authorityArea(d.area ?? '')?.label ?? d.area ?? '');
    const why = d.rationale ? ` — because: ${markdownText(d.rationale)}` : '';
    const openItems = (d.details as { openItems?: unknown } | null)?.openItems;
    const what =
      d.area === CHECKLIST_OVERRIDE_AREA && Array.isArray(openItems)
        ? `Go accepted with ${openItems.length} open: ${openItems.map((i) => markdownText(String(i))).join(', ')}`
        : markdownText(d.outcome);
    return `- ${when} · **${markdownText(area)}**: ${what}${why} (by ${user(d.decidedBy)})`;
  }
  const why = d.rationale ? ` — ${markdownText(d.rationale)}` : '';
  return `- ${when} · **${d.kind === 'go_no_go' ? 'Go/No-Go' : 'Rollback'}**: ${markdownText(d.outcome)}${why} (by ${user(d.decidedBy)})`;
}

/** An audit entry's action in words: `release.status_changed` → "release status changed". */
function actionWords(action: string): string {
  return action.replace(/[._]+/g, ' ').trim();
}

/** A key of an audit value in words: `userId` → "user", `evidence_url` → "evidence url". */
function keyWords(key: string): string {
  return key
    .replace(/Id$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** An audit entry's after-state in words, user ids as names: `{"value":"go","role":"qa_lead"}` → "value go, role qa_lead". */
function valueWords(value: unknown, user: NameOf): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return USER_ID.test(value) ? user(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => valueWords(v, user)).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => {
      const role = k === 'role' && typeof v === 'string' && v in ROLE_LABELS ? ROLE_LABELS[v as Role] : undefined;
      return `${keyWords(k)} ${role ?? (typeof v === 'object' ? `(${valueWords(v, user)})` : valueWords(v, user))}`;
    })
    .join(', ');
}

function timelineRow(
  e: StoredAuditEntry,
  user: NameOf,
  when: (at: Date) => string,
  known: (id: string) => boolean,
): string[] {
  // A subject names people by id (`rm:URM`): by name here.
  const named = (e.subject ?? '').replace(/\b[UW][A-Z0-9]{2,}\b/g, (id) => (known(id) ? user(id) : id));
  const subject = e.subject ? ` · ${markdownText(named)}` : '';
  const after = valueWords(e.after, user);
  return [
    when(e.at),
    e.actorId === SYSTEM_ACTOR ? 'the bot' : markdownText(user(e.actorId)),
    `${markdownText(actionWords(e.action))}${subject}${after ? ` → ${markdownText(after)}` : ''}`,
  ];
}

/** The machine-readable appendix: the audit log as stored, with the people it names. */
function jsonAppendix(record: ReleaseRecord): string {
  const people = Object.entries(record.people).map(([id, name]) => ({ id, name }));
  const body = {
    release: {
      id: record.release.id,
      name: record.release.name,
      status: record.release.status,
      timeZone: record.release.timeZone,
      targetDate: record.release.targetDate,
    },
    generatedAt: record.generatedAt.toISOString(),
    people,
    audit: record.audit.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      action: e.action,
      ...(e.subject ? { subject: e.subject } : {}),
      ...(e.before !== undefined ? { before: e.before } : {}),
      ...(e.after !== undefined ? { after: e.after } : {}),
    })),
  };
  // A fence longer than any run of backticks inside, so the JSON can never close it early.
  const json = JSON.stringify(body, null, 2);
  const longest = Math.max(2, ...[...json.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}json\n${json}\n${fence}`;
}

/**
 * The release's record as one Markdown document for the retrospective and for audits: summary, the people it names
 * (name and Slack id, once), roles, decisions (with conflicts), checklist (state and history), handoffs, other
 * capabilities' sections, the audit log as a timeline table, and the log again as JSON in a fenced appendix. Times are
 * in the release's time zone, named; people by name everywhere but the People table.
 */
export function buildReleaseRecordMarkdown(record: ReleaseRecord): string {
  const { release } = record;
  const user: NameOf = (id) =>
    id ? markdownText(isPipelineActor(id) ? actorLabel(id) : (record.people[id] ?? id)) : '';
  const formatUtc = (at: Date) => formatIn(at, release.timeZone);
  const unmention = (line: string) => line.replace(MENTION, (_, id: string) => user(id));
  const roles = (id: string) =>
    ROLES.filter((role) => holdersOf(record.assignments, role).includes(id)).map((role) => ROLE_LABELS[role]);
  const people = Object.keys(record.people).sort((a, b) =>
    (record.people[a] ?? a).localeCompare(record.people[b] ?? b),
  );
  const out: string[] = [
    `# Release ${markdownText(release.name)}`,
    '',
    `Exported ${formatUtc(record.generatedAt)} by ${user(record.generatedBy)}. Times are in ${release.timeZone}, the ` +
      'release’s time zone. People are named by their Slack name; their Slack member ids are in the People table.',
    '',
    '## Summary',
    '',
    ...table(
      ['Field', 'Value'],
      [
        ['Status', STATUS_LABELS[release.status]],
        ['Target date', release.targetDate],
        ['Release window', release.windowStart ? `${release.windowStart} .. ${release.windowEnd}` : 'not set'],
        ['Time zone', release.timeZone],
        ['Channel', `<#${release.channelId}>`],
        ['Created', `${formatUtc(release.createdAt)} by ${user(release.createdBy)}`],
        ['Shipped', release.shippedAt ? formatUtc(release.shippedAt) : 'not shipped'],
        ['Ended', release.endedAt ? formatUtc(release.endedAt) : 'not ended'],
      ],
    ),
    '',
    '## People',
    '',
    ...(people.length === 0
      ? ['Nobody is named in this record.']
      : table(
          ['Person', 'Roles in this release'],
          people.map((id) => [`${user(id)} (${id})`, roles(id).join(', ') || '—']),
        )),
    '',
    '## Roles',
    '',
    ...table(
      ['Role', 'Held by'],
      ROLES.map((role) => [
        ROLE_LABELS[role],
        holdersOf(record.assignments, role).map(user).join(', ') || 'unassigned',
      ]),
    ),
    '',
    '## Decisions',
    '',
  ];
  if (record.decisions.length === 0) out.push('No decisions were recorded.');
  else out.push(...record.decisions.map((d) => decisionLine(d, user, formatUtc)));
  if (record.conflicts.length > 0) {
    out.push('', '### Conflicts recorded before a decision', '');
    for (const c of record.conflicts) {
      const area = authorityArea(c.area)?.label ?? c.area;
      const state = c.resolvedByDecisionId === null ? 'still open' : `settled by decision #${c.resolvedByDecisionId}`;
      out.push(
        `- ${formatUtc(c.recordedAt)} · **${markdownText(area)}** (recorded by ${user(c.recordedBy)}, ${state})`,
        `  - Perspective A: ${markdownText(c.perspectiveA)}`,
        `  - Perspective B: ${markdownText(c.perspectiveB)}`,
      );
    }
  }
  out.push('', '## Checklist', '');
  const ticked = record.checklist.filter((i) => i.tickedAt).length;
  out.push(`${ticked} of ${record.checklist.length} items ticked.`, '');
  out.push(
    ...table(
      ['Item', 'Owner', 'State', 'Evidence'],
      [...record.checklist]
        .sort((a, b) => a.position - b.position)
        .map((i) => [
          markdownText(i.label),
          ROLE_LABELS[i.owner],
          i.tickedAt ? `ticked by ${user(i.tickedBy)} ${formatUtc(i.tickedAt)}` : 'open',
          i.evidenceUrl ? `<${i.evidenceUrl.replaceAll('>', '%3E')}>` : '',
        ]),
    ),
  );
  if (record.checklistTicks.length > 0) {
    out.push('', '### Checklist history', '');
    for (const t of record.checklistTicks) {
      const label = record.checklist.find((i) => i.key === t.key)?.label ?? t.key;
      const evidence = t.evidenceUrl ? ` (evidence <${t.evidenceUrl.replaceAll('>', '%3E')}>)` : '';
      out.push(
        `- ${formatUtc(t.at)} · ${t.action === 'tick' ? 'ticked' : 'unticked'} “${markdownText(label)}” by ${user(t.actorId)}${evidence}`,
      );
    }
  }
  out.push('', '## Handoffs', '');
  out.push(
    ...table(
      ['Handoff', 'Signed off', 'Confirmed'],
      HANDOFFS.map((h) => {
        const s = record.handoffs.find((x) => x.key === h.key);
        return [
          h.title,
          s?.signedOffAt ? `${user(s.signedOffBy)} ${formatUtc(s.signedOffAt)}` : 'not yet',
          s?.confirmedAt ? `${user(s.confirmedBy)} ${formatUtc(s.confirmedAt)}` : 'not yet',
        ];
      }),
    ),
  );
  for (const section of record.sections) {
    out.push(
      '',
      `## ${markdownText(section.title)}`,
      '',
      ...(section.lines.length > 0 ? section.lines.map(unmention) : ['Nothing recorded.']),
    );
  }
  out.push('', '## Timeline', '', 'The audit log, oldest first.', '');
  if (record.audit.length === 0) out.push('No entries.');
  else
    out.push(
      ...table(
        [`When (${release.timeZone})`, 'Who', 'What'],
        record.audit.map((e) => timelineRow(e, user, formatUtc, (id) => id in record.people)),
      ),
    );
  out.push('', '## Appendix: machine-readable audit log', '', 'The same log as JSON (times in UTC, people by id).', '');
  out.push(jsonAppendix(record), '');
  return out.join('\n');
}
