import { actorLabel, isPipelineActor } from '../../core/domain/actors.ts';
import type { StoredAuditEntry } from '../../core/domain/audit.ts';
import { formatUtc, markdownText } from '../../core/domain/markdown.ts';
import { type Release, STATUS_LABELS } from '../../core/domain/release.ts';
import type { RecordSection } from '../../core/domain/reports.ts';
import { holdersOf, ROLE_LABELS, ROLES, type RoleAssignment } from '../../core/domain/roles.ts';
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
};

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

const user = (id: string | null) => (id ? (isPipelineActor(id) ? markdownText(actorLabel(id)) : `<@${id}>`) : '');

function decisionLine(d: Decision): string {
  const when = formatUtc(d.decidedAt);
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

function auditLine(e: StoredAuditEntry): string {
  const subject = e.subject ? ` \`${markdownText(e.subject).replaceAll('`', "'")}\`` : '';
  const change = e.after !== undefined ? ` → ${markdownText(JSON.stringify(e.after))}` : '';
  return `- ${formatUtc(e.at)} · ${markdownText(e.action)}${subject} by ${e.actorId === 'system' ? 'the bot' : user(e.actorId)}${change}`;
}

/**
 * The release's record as one Markdown document for the retrospective and for audits: summary, roles, decisions
 * (with conflicts), checklist (state and history), handoffs, other capabilities' sections, and the full audit log.
 */
export function buildReleaseRecordMarkdown(record: ReleaseRecord): string {
  const { release } = record;
  const out: string[] = [
    `# Release ${markdownText(release.name)}`,
    '',
    `Exported ${formatUtc(record.generatedAt)} by ${user(record.generatedBy)}. User ids are Slack member ids.`,
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
  else out.push(...record.decisions.map(decisionLine));
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
      ...(section.lines.length > 0 ? section.lines : ['Nothing recorded.']),
    );
  }
  out.push('', '## Audit log', '');
  if (record.audit.length === 0) out.push('No entries.');
  else out.push(...record.audit.map(auditLine));
  out.push('');
  return out.join('\n');
}
