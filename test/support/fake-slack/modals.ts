/**
 * Views in the fake workspace: each user's modal stack (max 3), Home tabs, and how a view_submission ack
 * (`response_action`) changes the stack.
 */
import { randomBytes } from 'node:crypto';
import { isJsonObject } from './block-kit-objects.ts';
import { fillBlockIds } from './messages.ts';
import { type Json, nextId, type ViewRecord, type Workspace } from './workspace.ts';

export const MAX_MODAL_STACK = 3;

function newHash(ws: Workspace): string {
  return `${Math.floor(ws.now() / 1000)}.${randomBytes(6).toString('base64url').slice(0, 8)}`;
}

type Lineage = { id: string; rootViewId: string; previousViewId: string | null; state: Json };

/** The full view object Slack returns for a submitted view definition. */
function buildViewObject(ws: Workspace, input: Json, lineage: Lineage): Json {
  const blocks = Array.isArray(input.blocks) ? fillBlockIds(input.blocks.filter(isJsonObject)) : [];
  return {
    id: lineage.id,
    team_id: ws.teamId,
    type: input.type,
    title: input.title ?? null,
    submit: input.submit ?? null,
    close: input.close ?? null,
    blocks,
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    state: lineage.state,
    hash: newHash(ws),
    clear_on_close: input.clear_on_close ?? false,
    notify_on_close: input.notify_on_close ?? false,
    submit_disabled: input.submit_disabled ?? false,
    root_view_id: lineage.rootViewId,
    previous_view_id: lineage.previousViewId,
    app_id: ws.appId,
    external_id: input.external_id ?? '',
    app_installed_team_id: ws.teamId,
    bot_id: ws.botId,
  };
}

export function stackOf(ws: Workspace, userId: string): string[] {
  const stack = ws.modalStacks.get(userId) ?? [];
  ws.modalStacks.set(userId, stack);
  return stack;
}

export function findOpenView(ws: Workspace, viewId: string): ViewRecord | undefined {
  const record = ws.views.get(viewId);
  return record?.open ? record : undefined;
}

export function findOpenViewByExternalId(ws: Workspace, externalId: string): ViewRecord | undefined {
  return [...ws.views.values()].find((r) => r.open && r.view.external_id === externalId);
}

export function isDuplicateExternalId(ws: Workspace, input: Json, exceptViewId?: string): boolean {
  const externalId = input.external_id;
  if (typeof externalId !== 'string' || externalId === '') return false;
  const existing = findOpenViewByExternalId(ws, externalId);
  return existing !== undefined && existing.view.id !== exceptViewId;
}

/** Opens a modal: replaces the user's stack, or pushes onto it when `push` (caller checks the limit). */
export function openModal(ws: Workspace, userId: string, input: Json, push: boolean): Json {
  const stack = stackOf(ws, userId);
  if (!push) closeAll(ws, userId);
  const id = nextId(ws, 'V');
  const top = push ? stack.at(-1) : undefined;
  const rootViewId = top ? String(ws.views.get(top)?.view.root_view_id ?? top) : id;
  const view = buildViewObject(ws, input, { id, rootViewId, previousViewId: top ?? null, state: { values: {} } });
  ws.views.set(id, { view, userId, open: true });
  stack.push(id);
  return view;
}

/** Replaces a view's content in place (views.update, `response_action: update`): same id, new hash. */
export function replaceView(ws: Workspace, record: ViewRecord, input: Json): Json {
  const old = record.view;
  const blockIds = new Set(Array.isArray(input.blocks) ? input.blocks.map((b) => isJsonObject(b) && b.block_id) : []);
  const oldValues = isJsonObject(old.state) && isJsonObject(old.state.values) ? old.state.values : {};
  const values = Object.fromEntries(Object.entries(oldValues).filter(([blockId]) => blockIds.has(blockId)));
  record.view = buildViewObject(
    ws,
    { ...input, type: input.type ?? old.type },
    {
      id: String(old.id),
      rootViewId: String(old.root_view_id),
      previousViewId: (old.previous_view_id as string | null) ?? null,
      state: { values },
    },
  );
  return record.view;
}

export function publishHome(ws: Workspace, userId: string, input: Json): Json {
  const existingId = ws.homeViews.get(userId);
  const existing = existingId ? ws.views.get(existingId) : undefined;
  if (existing) return replaceView(ws, existing, input);
  const id = nextId(ws, 'V');
  const view = buildViewObject(ws, input, { id, rootViewId: id, previousViewId: null, state: { values: {} } });
  ws.views.set(id, { view, userId, open: true });
  ws.homeViews.set(userId, id);
  return view;
}

export function closeTop(ws: Workspace, userId: string): void {
  const id = stackOf(ws, userId).pop();
  const record = id ? ws.views.get(id) : undefined;
  if (record) record.open = false;
}

export function closeAll(ws: Workspace, userId: string): void {
  const stack = stackOf(ws, userId);
  while (stack.length > 0) closeTop(ws, userId);
}

export type AckOutcome =
  | { kind: 'closed' }
  | { kind: 'cleared' }
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'updated'; view: Json }
  | { kind: 'pushed'; view: Json }
  | { kind: 'rejected'; reason: string };

/**
 * What Slack does with the ack of a view_submission: empty/other → close the submitted (top) view; `errors` →
 * keep it open; `update` → replace it; `push` → push a new view (max 3); `clear` → close the whole stack.
 * `validate` checks an `update`/`push` view and returns Block Kit errors.
 */
export function applySubmissionAck(
  ws: Workspace,
  userId: string,
  viewId: string,
  ack: unknown,
  validate: (view: unknown) => string[],
): AckOutcome {
  const action = isJsonObject(ack) ? ack.response_action : undefined;
  if (action === 'errors' && isJsonObject(ack) && isJsonObject(ack.errors)) {
    return { kind: 'errors', errors: ack.errors as Record<string, string> };
  }
  if (action === 'clear') {
    closeAll(ws, userId);
    return { kind: 'cleared' };
  }
  if ((action === 'update' || action === 'push') && isJsonObject(ack)) {
    const problems = validate(ack.view);
    if (problems.length > 0) return { kind: 'rejected', reason: problems.join('; ') };
    const view = ack.view as Json;
    if (action === 'update') {
      const record = findOpenView(ws, viewId);
      if (!record) return { kind: 'rejected', reason: `view ${viewId} is not open` };
      return { kind: 'updated', view: replaceView(ws, record, view) };
    }
    if (stackOf(ws, userId).length >= MAX_MODAL_STACK) return { kind: 'rejected', reason: 'push_limit_reached' };
    return { kind: 'pushed', view: openModal(ws, userId, view, true) };
  }
  closeTop(ws, userId);
  return { kind: 'closed' };
}
