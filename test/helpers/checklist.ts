import { ACTION_IDS, BLOCK_IDS, INPUT_ACTION_ID } from '../../src/core/ids.ts';
import type { TestBot } from './e2e.ts';
import { CHANNEL } from './people.ts';

/**
 * Ticks checklist item `key` of release 1 as a person would: `/release checklist`, "Tick…" on the ephemeral list,
 * the evidence modal submitted (with a link or none). Throws if the modal is not accepted.
 */
export async function tickThroughSlack(t: TestBot, userId: string, key: string, evidence: string | null = null) {
  await t.command(userId, 'checklist');
  const before = t.fake.openViews(userId).length;
  await t.driver.clickButton({
    userId,
    channelId: CHANNEL,
    ephemeral: true,
    actionId: ACTION_IDS.checklistTick,
    value: JSON.stringify({ r: 1, k: key }),
  });
  const modal = await t.fake.waitFor(() => t.fake.openViews(userId)[before]);
  const submitted = await t.driver.submitView({
    userId,
    viewId: String(modal.id),
    values: { [BLOCK_IDS.evidenceUrl]: { [INPUT_ACTION_ID]: evidence } },
  });
  if (submitted.ack) throw new Error(`the tick was refused: ${JSON.stringify(submitted.ack)}`);
}
