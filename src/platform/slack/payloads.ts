import { z } from 'zod';
import { stripBidiControls } from '../../core/domain/markup.ts';

/** One input element's state in a submitted view; only the fields the bot reads. */
const InputState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_conversation: z.string().nullish(),
  selected_channel: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

export const ViewStateValues = z.record(z.string(), z.record(z.string(), InputState));
export type ViewStateValues = z.infer<typeof ViewStateValues>;

/** The single value of an input block (the bot gives each input block one element), as a string. */
export function inputValue(values: ViewStateValues, blockId: string): string | undefined {
  const block = values[blockId];
  const state = block ? Object.values(block)[0] : undefined;
  if (!state) return undefined;
  const value =
    state.value ??
    state.selected_date ??
    state.selected_time ??
    state.selected_user ??
    state.selected_conversation ??
    state.selected_channel ??
    state.selected_option?.value;
  return (value && stripBidiControls(value).trim()) || undefined;
}

export function inputValues(values: ViewStateValues, blockId: string): string[] {
  const block = values[blockId];
  const state = block ? Object.values(block)[0] : undefined;
  return state?.selected_users ?? state?.selected_options?.map((o) => o.value) ?? [];
}

export function parseMetadata<T extends z.ZodType>(schema: T, raw: string): z.infer<T> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A checklist or handoff button's value: the release id and the item or handoff key. */
export const ReleaseItemRef = z.object({ r: z.number().int().positive(), k: z.string().min(1).max(64) });

/** The tick modal's private_metadata: release, item and the channel the checklist was shown in. */
export const EvidenceModalMetadata = ReleaseItemRef.extend({ c: z.string().min(1) });
/** A click on a button of a channel message: who, where, which button and its value. */
export const MessageButtonClick = z.object({
  body: z.object({
    user: z.object({ id: z.string() }),
    channel: z.object({ id: z.string() }),
    trigger_id: z.string(),
  }),
  action: z.object({ action_id: z.string(), value: z.string() }),
});

/** A vote button's value: `<pollId>:<role>`. */
export const PollRoleValue = z
  .string()
  .regex(/^\d+:[a-z_]+$/)
  .transform((value) => {
    const [id, role] = value.split(':') as [string, string];
    return { pollId: Number(id), role };
  });
