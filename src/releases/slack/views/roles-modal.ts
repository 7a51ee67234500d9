import type { KnownBlock, ModalView } from '@slack/types';
import { escapeMrkdwn } from '../../../core/domain/markup.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/domain/roles.ts';
import { CALLBACK_IDS, INPUT_ACTION_ID, rolePickerBlockId } from '../../../core/ids.ts';
import { plainText, type SlackMessage, section } from '../../../platform/slack/views/message.ts';
import { mentionAll } from '../../../platform/slack/views/mrkdwn.ts';
import type { RoleChange } from '../../usecases/set-roles.ts';

export type RolesModalState = {
  releaseId: number;
  /** The release's name as mrkdwn (`releaseLabel`). */
  releaseLabel: string;
  holders: Record<Role, string[]>;
  /** Whether the person may take roles back (the Release Manager): else the hint says emptied pickers keep. */
  mayTakeBack: boolean;
};

/** Slack caps a multi_users_select's initial_users at 100 (more than a role ever has). */
const MAX_SELECTED = 100;

function picker(role: Role, holders: string[], mayTakeBack: boolean): KnownBlock {
  const element =
    role === 'rm'
      ? {
          type: 'users_select' as const,
          action_id: INPUT_ACTION_ID,
          ...(holders[0] ? { initial_user: holders[0] } : {}),
        }
      : {
          type: 'multi_users_select' as const,
          action_id: INPUT_ACTION_ID,
          max_selected_items: MAX_SELECTED,
          ...(holders.length > 0 ? { initial_users: holders.slice(0, MAX_SELECTED) } : {}),
        };
  const hint =
    role === 'rm'
      ? 'One person, not a bot. Picking someone else hands the role over.'
      : mayTakeBack
        ? 'Everyone who holds the role; remove someone to take it back.'
        : 'Everyone who holds the role. Only the Release Manager can take a role back.';
  return {
    type: 'input',
    block_id: rolePickerBlockId(role),
    optional: true,
    label: plainText(ROLE_LABELS[role], 2000),
    hint: plainText(hint, 2000),
    element: { ...element, placeholder: plainText(`Pick the ${ROLE_LABELS[role]}`, 150) },
  };
}

/** `/release roles`: one picker per role, filled with who holds it now. The release rides in `private_metadata`. */
export function buildRolesModal(state: RolesModalState): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.assignRoles,
    private_metadata: JSON.stringify({ releaseId: state.releaseId }),
    title: plainText('Roles', 24),
    submit: plainText('Save', 24),
    close: plainText('Cancel', 24),
    blocks: [
      section(`Who holds each role on ${state.releaseLabel}. Everyone you add is told in the channel.`),
      ...ROLES.map((role) => picker(role, state.holders[role], state.mayTakeBack)),
    ],
  };
}

/**
 * The one channel message after the form: every role with its holders, and what changed. Only the people whose
 * roles changed (added, or taken off) are @-mentioned; everyone else is named without a ping (`nameOf`).
 */
export function buildRolesSetMessage(input: {
  actorId: string;
  releaseLabel: string;
  holders: Record<Role, string[]>;
  changes: RoleChange[];
  /** A person's name as shown in Slack, for those not pinged. */
  nameOf: (userId: string) => string;
}): SlackMessage {
  const byRole = new Map(input.changes.map((c) => [c.role, c]));
  const named = (ids: readonly string[]) => ids.map((id) => escapeMrkdwn(input.nameOf(id))).join(', ');
  const lines = ROLES.map((role) => {
    const change = byRole.get(role);
    const added = change?.added ?? [];
    const holders = input.holders[role].map((id) => (added.includes(id) ? `<@${id}>` : escapeMrkdwn(input.nameOf(id))));
    const allNew = added.length > 0 && added.length === input.holders[role].length;
    const notes = [
      allNew ? 'new' : added.length ? `new: ${named(added)}` : '',
      change?.removed.length ? `no longer: ${mentionAll(change.removed)}` : '',
      change?.kept.length ? `kept: ${named(change.kept)}, as only the Release Manager takes roles back` : '',
    ].filter(Boolean);
    const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return `• *${ROLE_LABELS[role]}*: ${holders.length > 0 ? holders.join(', ') : '_unassigned_'}${note}`;
  });
  const head = `<@${input.actorId}> set the roles on ${input.releaseLabel}:`;
  return { text: `${head}\n${lines.join('\n')}`, blocks: [section(`${head}\n${lines.join('\n')}`)] };
}
