import type { KnownBlock, ModalView } from '@slack/types';
import { escapeMrkdwn, releaseLabel } from '../../../core/domain/markup.ts';
import type { Release } from '../../../core/domain/release.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/domain/roles.ts';
import { ACTION_IDS, CALLBACK_IDS, INPUT_ACTION_ID, standupBlockId } from '../../../core/ids.ts';
import { formatDate, formatInstant } from '../../../platform/slack/views/format.ts';
import { context, header, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll, truncate } from '../../../platform/slack/views/mrkdwn.ts';
import {
  type CallOut,
  MAX_COUNT,
  type Question,
  type RoleAnswers,
  STANDUP_QUESTIONS,
  type Standup,
  type StandupAnswer,
  type StandupSummary,
} from '../../domain/standup.ts';

const ASKED: Record<Role, string> = {
  rm: 'the overall status',
  tech_lead: 'blockers and risks',
  qa_lead: 'test results',
  devops: 'deployment readiness',
  product_owner: 'feature status',
};
const ROLE_NOUNS: Record<Role, string> = {
  rm: 'the Release Manager',
  tech_lead: 'the Tech Lead',
  qa_lead: 'the QA Lead',
  devops: 'DevOps',
  product_owner: 'the Product Owner',
};

function answerButton(standupId: number): KnownBlock {
  return {
    type: 'actions',
    block_id: 'standup_prompt_actions',
    elements: [
      {
        type: 'button',
        action_id: ACTION_IDS.standupAnswer,
        text: { type: 'plain_text', text: 'Answer standup' },
        style: 'primary',
        value: String(standupId),
      },
      {
        type: 'button',
        action_id: ACTION_IDS.standupAway,
        text: { type: 'plain_text', text: 'Away today' },
        value: String(standupId),
      },
    ],
  };
}

/**
 * The channel prompt (its thread holds the answers). It greets nobody: its readers are in many time zones. With DM
 * delivery it is the thread the DMed answers land in, and says so.
 */
export function buildStandupPrompt(input: {
  release: Release;
  standup: Standup;
  cutoffAt: Date;
  roleHolders: string[];
  delivery?: 'channel' | 'dm';
}): SlackMessage {
  const label = releaseLabel(input.release);
  const how =
    input.delivery === 'dm'
      ? `Each role holder is asked by direct message at the standup time in their own time zone; the answers are posted in this thread. You can also answer here.`
      : `Role holders, answer for your roles: ${ROLES.map((r) => `${ROLE_NOUNS[r]} ${ASKED[r]}`).join(', ')}.`;
  return {
    text: `Daily standup for ${escapeMrkdwn(input.release.name)}, ${input.standup.slot}`,
    blocks: [
      header(`Standup · ${input.release.name} · ${formatDate(input.standup.slot)}`),
      section(`Daily standup for ${label}. ${how}`),
      answerButton(input.standup.id),
      context(`Summary ${formatInstant(input.cutoffAt)}. Answers go in this thread; you can edit yours today.`),
    ],
  };
}

/** The prompt a role holder gets by DM: greeted by their own local time (or not at all at night). */
export function buildStandupDmPrompt(input: {
  release: Release;
  standup: Standup;
  roles: Role[];
  greeting: string | undefined;
  cutoffAt: Date;
}): SlackMessage {
  const label = releaseLabel(input.release);
  const greeting = input.greeting ? `${input.greeting}! ` : '';
  const roles = ROLES.filter((r) => input.roles.includes(r));
  return {
    text: `Daily standup for ${escapeMrkdwn(input.release.name)}, ${input.standup.slot}: your answer, please`,
    blocks: [
      section(
        `${greeting}Today's standup for ${label} (<#${input.release.channelId}>). As ` +
          `${roles.map((r) => ROLE_LABELS[r]).join(' and ')}, you are asked for ${roles.map((r) => ASKED[r]).join(' and ')}.`,
      ),
      answerButton(input.standup.id),
      context(
        `Your answer is posted in the standup thread in <#${input.release.channelId}>. Summary ${formatInstant(input.cutoffAt)}.`,
      ),
    ],
  };
}

/** A prompt (in the channel or a DM) once the summary is out: no buttons, a pointer to the summary. */
export function buildClosedStandupPrompt(input: {
  release: Release;
  standup: Standup;
  summaryLink: string | undefined;
}): SlackMessage {
  const summary = input.summaryLink
    ? `<${input.summaryLink}|see the summary>`
    : `see the summary in <#${input.release.channelId}>`;
  return {
    text: `Daily standup for ${escapeMrkdwn(input.release.name)}, ${input.standup.slot} (closed)`,
    blocks: [
      header(`Standup · ${input.release.name} · ${formatDate(input.standup.slot)}`),
      section(`:lock: This standup is closed; ${summary}.`),
    ],
  };
}

export function buildStandupDmReminder(input: { cutoffAt: Date }): SlackMessage {
  return {
    text: "Reminder: today's standup is waiting for your answer.",
    blocks: [
      section(
        `:alarm_clock: Today's standup is still waiting for your answer (the *Answer standup* button above). ` +
          `The summary goes out ${formatInstant(input.cutoffAt)}.`,
      ),
    ],
  };
}

function answerLines(role: Role, values: Record<string, string>): string[] {
  return STANDUP_QUESTIONS[role]
    .filter((q) => values[q.key])
    .map((q) => `• ${q.label}: ${escapeMrkdwn(displayValue(q, values[q.key] ?? ''))}`);
}

function displayValue(q: Question, value: string): string {
  return q.choices?.find((c) => c.value === value)?.label ?? value;
}

export function buildStandupAnswerReply(answer: StandupAnswer): SlackMessage {
  const roles = ROLES.filter((r) => answer.answers[r]);
  const parts = roles.map((role) =>
    [`*${ROLE_LABELS[role]}*`, ...answerLines(role, answer.answers[role] ?? {})].join('\n'),
  );
  const edited = answer.updatedAt.getTime() !== answer.answeredAt.getTime();
  const by = answer.answeredBy
    ? `<@${answer.answeredBy}> answered for <@${answer.userId}>, who is away:`
    : `<@${answer.userId}> answered:`;
  return {
    text: answer.answeredBy
      ? `Standup answer by <@${answer.answeredBy}> for <@${answer.userId}>`
      : `Standup answer from <@${answer.userId}>`,
    blocks: [
      section(by),
      ...parts.map((p) => section(p)),
      ...(edited ? [context(`edited ${formatInstant(answer.updatedAt)}`)] : []),
    ],
  };
}

export function buildStandupReminder(input: { userIds: string[]; cutoffAt: Date }): SlackMessage {
  const who = mentionAll(input.userIds);
  return {
    text: `Reminder: ${who}, today's standup is waiting for your answer.`,
    blocks: [
      section(
        `:alarm_clock: ${who}: today's standup is still waiting for your answer (the *Answer standup* button above). ` +
          `The summary goes out ${formatInstant(input.cutoffAt)}.`,
      ),
    ],
  };
}

const CALL_OUT_LABELS: Record<CallOut['kind'], string> = {
  blocker: ':no_entry: Blocker',
  not_ready: ':construction: Not ready for deployment',
  off_track: ':red_circle: Off track',
};

export function buildStandupSummary(input: {
  release: Release;
  standup: Standup;
  summary: StandupSummary;
  /** Display names of the delegates and holders named "by @delegate for @holder" (a name, not a mention). */
  names?: Readonly<Record<string, string>>;
}): SlackMessage {
  const { summary } = input;
  const nameOf = (id: string) => `@${escapeMrkdwn(input.names?.[id] ?? id)}`;
  const glance = [
    `*Overall*: ${summary.overall ?? '_no status from the Release Manager_'}`,
    `*Deployment*: ${summary.readiness ?? '_no answer from DevOps_'}`,
    `*Tests*: ${summary.tests ? `${summary.tests.passed} passed, ${summary.tests.failed} failed` : '_no answer from QA_'}`,
  ].join('\n');
  // Only people who must act are mentioned (blockers, no answer); who answered is said by role, which pings nobody.
  const roleNames = (list: StandupSummary['answered']) =>
    ROLES.filter((r) => list.some((p) => p.roles.includes(r)))
      .map((r) => {
        const stand = summary.delegated.find((d) => d.role === r);
        return stand
          ? `${ROLE_LABELS[r]} (by ${nameOf(stand.delegateId)} for ${nameOf(stand.holderId)})`
          : ROLE_LABELS[r];
      })
      .join(', ');
  const who = (list: StandupSummary['missing']) =>
    list.map((p) => `<@${p.userId}> (${p.roles.map((r) => ROLE_LABELS[r]).join(', ')})`).join(', ');
  const blocks: KnownBlock[] = [
    header(`Standup summary · ${input.release.name} · ${input.standup.slot}`),
    section(glance),
    section(`*Answered*: ${summary.answered.length > 0 ? roleNames(summary.answered) : '_nobody_'}`),
    section(`*Did not answer*: ${summary.missing.length > 0 ? who(summary.missing) : '_everyone answered_ :tada:'}`),
  ];
  if (summary.away.length > 0) blocks.push(section(`*Away*: ${roleNames(summary.away)}`));
  for (const callOut of summary.callOuts.slice(0, 20)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `${CALL_OUT_LABELS[callOut.kind]} (<@${callOut.userId}>): ${escapeMrkdwn(callOut.text) || '_no details_'}`,
          3000,
        ),
      },
      accessory: {
        type: 'button',
        action_id: ACTION_IDS.standupEscalate,
        text: { type: 'plain_text', text: 'Escalate' },
        value: `${callOut.answerId}:${callOut.kind}`,
      },
    });
  }
  const missingText = summary.missing.map((m) => `<@${m.userId}>`).join(', ');
  return {
    text:
      `Standup summary for ${escapeMrkdwn(input.release.name)} (${input.standup.slot}): ` +
      `${summary.answered.length} answered` +
      (missingText ? `; no answer from ${missingText}` : '') +
      (summary.callOuts.length > 0 ? `; ${summary.callOuts.length} called out` : ''),
    blocks,
  };
}

/** The modal: one section per role the person holds, prefilled with today's answers. */
export function buildStandupModal(input: {
  release: Release;
  standup: Standup;
  roles: Role[];
  forHolder?: Partial<Record<Role, string>>;
  existing: RoleAnswers;
}): ModalView {
  const blocks: KnownBlock[] = [];
  for (const role of input.roles) {
    blocks.push(header(ROLE_LABELS[role]));
    const holder = input.forHolder?.[role];
    // A mention in a modal shows the name and pings nobody.
    if (holder) blocks.push(context(`For <@${holder}>, who is away: your answer is posted as theirs, by you.`));
    for (const q of STANDUP_QUESTIONS[role]) {
      const initial = input.existing[role]?.[q.key];
      const blockId = standupBlockId(role, q.key);
      if (q.kind === 'choice') {
        const options = (q.choices ?? []).map((c) => ({
          text: { type: 'plain_text' as const, text: c.label },
          value: c.value,
        }));
        const initialOption = options.find((o) => o.value === initial);
        blocks.push({
          type: 'input',
          block_id: blockId,
          optional: q.optional ?? false,
          label: { type: 'plain_text', text: q.label },
          element: {
            type: 'static_select',
            action_id: INPUT_ACTION_ID,
            options,
            ...(initialOption ? { initial_option: initialOption } : {}),
          },
        });
        continue;
      }
      if (q.kind === 'count' || q.kind === 'decimal') {
        blocks.push({
          type: 'input',
          block_id: blockId,
          optional: q.optional ?? false,
          label: { type: 'plain_text', text: q.label },
          element: {
            type: 'number_input',
            action_id: INPUT_ACTION_ID,
            is_decimal_allowed: q.kind === 'decimal',
            min_value: '0',
            max_value: String(MAX_COUNT),
            ...(initial ? { initial_value: initial } : {}),
          },
        });
        continue;
      }
      blocks.push({
        type: 'input',
        block_id: blockId,
        optional: q.optional ?? false,
        label: { type: 'plain_text', text: q.label },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: true,
          max_length: 1000,
          ...(initial ? { initial_value: initial } : {}),
          ...(q.placeholder ? { placeholder: { type: 'plain_text' as const, text: q.placeholder } } : {}),
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.standupAnswer,
    private_metadata: JSON.stringify({ standupId: input.standup.id }),
    title: { type: 'plain_text', text: `Standup ${input.standup.slot.slice(5)}` },
    submit: { type: 'plain_text', text: 'Post answer' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [context(`${releaseLabel(input.release)} · ${formatDate(input.standup.slot)}`), ...blocks],
  };
}
