import { HOME_URGENCY, type HomeActionProvider } from '../../core/contributions.ts';
import { calendarDateIn } from '../../core/domain/calendar.ts';
import { escapeMrkdwn } from '../../core/domain/markup.ts';
import type { Release } from '../../core/domain/release.ts';
import { ROLE_LABELS, ROLES, type Role, type RoleAssignment } from '../../core/domain/roles.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import { actorsForRole, awayOn } from '../../releases/index.ts';
import type { CadenceDeps } from '../deps.ts';
import { isOverdue } from '../domain/risk.ts';
import { missingAnswers } from '../domain/standup.ts';
import { awayFor } from '../usecases/standups.ts';

/**
 * The App Home's cadence items: *Answer standup* for today's open standup the person owes (the same button as on the
 * prompt, opening the same form), *Review risk* for each risk they own past its mitigation date, and, for the
 * Release Manager, *Configure* (the standup schedule form).
 */
export function cadenceHomeActions(deps: CadenceDeps): HomeActionProvider {
  return async ({ teamId, userId, releases }) => {
    const out: Awaited<ReturnType<HomeActionProvider>> = [];
    // A delegate with no role of their own is offered the away holder's standup in that release too.
    const standingIn: Array<{ release: Release; assignments: RoleAssignment[]; roles: Role[] }> = [];
    for (const release of await deps.store.releases.listActive(teamId)) {
      if (releases.some((r) => r.release.id === release.id)) continue;
      const today = calendarDateIn(deps.clock.now(), release.timeZone);
      const absences = await deps.store.releases.absences(release.id);
      if (!awayOn(absences, today).some((a) => a.delegateId === userId)) continue;
      standingIn.push({ release, assignments: await deps.store.releases.assignments(release.id), roles: [] });
    }
    for (const item of [...releases, ...standingIn]) {
      const { release } = item;
      const today = calendarDateIn(deps.clock.now(), release.timeZone);
      const standup = await deps.store.standups.findBySlot(release.id, today);
      if (standup?.messageTs && !standup.summaryTs) {
        const answers = await deps.store.standups.answers(standup.id);
        const mine = missingAnswers(item.assignments, answers, await awayFor(deps, release, today)).find(
          (m) => m.userId === userId,
        );
        // A delegate is offered the away holder's roles not answered yet (the same form answers them).
        const absences = await deps.store.releases.absences(release.id);
        const standIn = ROLES.filter((role) => {
          const actor = actorsForRole(item.assignments, absences, role, today).find((a) => a.userId === userId);
          return actor?.forHolder && !answers.find((a) => a.userId === actor.forHolder)?.answers[role];
        });
        if (mine || standIn.length > 0) {
          const roles = ROLES.filter((r) => mine?.roles.includes(r) || standIn.includes(r)).map((r) => ROLE_LABELS[r]);
          out.push({
            releaseId: release.id,
            text: `Today's standup (${roles.join(', ')})`,
            button: {
              label: 'Answer standup',
              actionId: ACTION_IDS.standupAnswer,
              value: String(standup.id),
              style: 'primary',
            },
            urgency: HOME_URGENCY.standup,
          });
        }
      }
      for (const risk of await deps.store.risks.list(release.id)) {
        if (risk.ownerId !== userId || !isOverdue(risk, today)) continue;
        out.push({
          releaseId: release.id,
          text: `Risk #${risk.id} “${escapeMrkdwn(risk.title)}” was due for mitigation on ${risk.dueDate}`,
          button: { label: 'Review risk', actionId: ACTION_IDS.riskUpdate, value: String(risk.id) },
          urgency: HOME_URGENCY.risk,
        });
      }
      if (item.roles.includes('rm')) {
        out.push({
          releaseId: release.id,
          text: 'Standup schedule, delivery and reminders',
          button: { label: 'Configure', actionId: ACTION_IDS.standupConfigure, value: String(release.id) },
          urgency: HOME_URGENCY.manage,
        });
      }
    }
    return out;
  };
}
