import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { HOME_URGENCY, type HomeActionProvider } from '../../core/contributions.ts';
import { releaseLabel } from '../../core/domain/markup.ts';
import { ROLE_LABELS } from '../../core/domain/roles.ts';
import { ACTION_IDS } from '../../core/ids.ts';
import type { PollsDeps } from '../deps.ts';
import { POLL_WORDING } from '../domain/go-no-go.ts';
import { openPoll } from '../usecases/open-poll.ts';
import { openPollStates } from '../usecases/poll-waiting.ts';

/** A link that opens the release channel in the Slack client (Slack's documented `app_redirect`). */
export function channelLink(teamId: string, channelId: string): string {
  return `https://slack.com/app_redirect?team=${encodeURIComponent(teamId)}&channel=${encodeURIComponent(channelId)}`;
}

/**
 * The App Home's poll items: *Vote* for each role the person holds (or acts for as a delegate) that has not voted,
 * *Decide* for the decider once everyone has voted (both open the poll's channel, where its buttons are), and for
 * the RM *Open go/no-go* when none is open.
 */
export function pollHomeActions(deps: PollsDeps): HomeActionProvider {
  return async ({ teamId, userId, releases }) => {
    const out: Awaited<ReturnType<HomeActionProvider>> = [];
    for (const item of releases) {
      const states = await openPollStates(deps, item.release.id);
      for (const state of states) {
        const wording = POLL_WORDING[state.poll.activity];
        const link = channelLink(teamId, state.poll.channelId);
        for (const r of state.tally.roles) {
          const forHolder = state.delegates.find((d) => d.role === r.role && d.userId === userId && d.forHolder);
          if (r.vote || !(r.holders.includes(userId) || forHolder)) continue;
          const as = forHolder?.forHolder ? ` for <@${forHolder.forHolder}>` : '';
          out.push({
            releaseId: item.release.id,
            text: `${wording.title}: your vote as ${ROLE_LABELS[r.role]}${as}`,
            button: { label: 'Vote', actionId: 'home_link_vote', url: link, style: 'primary' },
            urgency: HOME_URGENCY.vote,
          });
        }
        if (state.recommendation.complete && item.roles.includes(state.roles.decider)) {
          out.push({
            releaseId: item.release.id,
            text: `${wording.title}: everyone has voted (recommendation: ${wording.sides[state.recommendation.side]})`,
            button: { label: 'Decide', actionId: 'home_link_decide', url: link, style: 'primary' },
            urgency: HOME_URGENCY.decide,
          });
        }
      }
      const goNoGoOpen = states.some((s) => s.poll.activity === 'go_no_go');
      if (item.roles.includes('rm') && !goNoGoOpen && item.release.status === 'planning') {
        out.push({
          releaseId: item.release.id,
          text: 'Ask every role for Go or No-Go',
          button: { label: 'Open go/no-go', actionId: ACTION_IDS.pollOpenGoNoGo, value: String(item.release.id) },
          urgency: HOME_URGENCY.manage,
        });
      }
    }
    return out;
  };
}

const Click = z.object({
  user: z.object({ id: z.string() }),
  actions: z.array(z.object({ value: z.string() })).min(1),
});

/** App Home "Open go/no-go": the same use case as `/release gonogo`; the outcome is told in a DM-free ephemeral. */
export function createOpenGoNoGoAction(deps: PollsDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const parsed = Click.safeParse(body);
    if (!parsed.success) return;
    const userId = parsed.data.user.id;
    const release = await deps.store.releases.findById(Number(parsed.data.actions[0]?.value));
    if (!release) return;
    const result = await openPoll(deps, { release, actorId: userId, activity: 'go_no_go', deadlineMs: undefined });
    await client.chat.postEphemeral({
      channel: release.channelId,
      user: userId,
      text: result.ok ? `The go/no-go of ${releaseLabel(release)} is open in <#${release.channelId}>.` : result.message,
    });
  };
}
