/**
 * What the Slack client submits for a modal: the full `state.values` (previous state, then `initial_*`, then what
 * the user entered), refusing what the client would refuse (a required input left empty, an unknown element), and
 * the `response_urls` of conversation inputs with `response_url_enabled`.
 */
import { elementValue, initialValue, interactiveElements, isEmptyValue, type UserValue } from './element-values.ts';
import type { FakeSlack, FakeView, ViewStateValues } from './fake-slack.ts';
import type { Json } from './workspace.ts';

/** Full `state.values` for a submission: previous state, then `initial_*`, then the test's values. */
export function submissionState(
  fake: FakeSlack,
  view: FakeView,
  values: Record<string, Record<string, UserValue>>,
): ViewStateValues {
  const elements = interactiveElements(view.blocks as Json[]);
  const previous = (view.state as { values: ViewStateValues }).values;
  const state: ViewStateValues = structuredClone(previous);
  const set = (blockId: string, actionId: string, entry: Json) => {
    state[blockId] = { ...state[blockId], [actionId]: entry };
  };
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const [actionId, given] of Object.entries(byAction)) {
      const found = elements.find((f) => f.blockId === blockId && f.element.action_id === actionId);
      if (!found) throw new Error(`fake-slack driver: view ${String(view.id)} has no element ${blockId}/${actionId}`);
      if (found.block.type !== 'input') set(blockId, actionId, elementValue(fake, found.element, given));
    }
  }
  for (const { blockId, element, block } of elements.filter((f) => f.block.type === 'input')) {
    const actionId = String(element.action_id);
    const given = values[blockId]?.[actionId];
    const entry =
      given !== undefined
        ? elementValue(fake, element, given)
        : (previous[blockId]?.[actionId] ?? elementValue(fake, element, initialValue(element)));
    set(blockId, actionId, entry);
    if (block.optional !== true && isEmptyValue(entry)) {
      throw new Error(`fake-slack driver: Slack would not submit ${String(view.id)}: ${blockId} is required`);
    }
  }
  return state;
}

export function responseUrlsFor(fake: FakeSlack, view: FakeView, state: ViewStateValues, userId: string): Json[] {
  return interactiveElements(view.blocks as Json[]).flatMap(({ blockId, element }) => {
    if (element.response_url_enabled !== true) return [];
    const entry = state[blockId]?.[String(element.action_id)];
    const channelId = entry?.selected_conversation ?? entry?.selected_channel;
    if (typeof channelId !== 'string') return [];
    const responseUrl = fake.newResponseUrl({ channelId, userId });
    return [{ block_id: blockId, action_id: element.action_id, channel_id: channelId, response_url: responseUrl }];
  });
}
