/** views.open, views.push, views.update, views.publish: trigger ids, the 3-view stack, hashes, Block Kit checks. */
import { validateView } from '../block-kit.ts';
import { isJsonObject } from '../block-kit-objects.ts';
import {
  findOpenView,
  findOpenViewByExternalId,
  isDuplicateExternalId,
  MAX_MODAL_STACK,
  openModal,
  publishHome,
  replaceView,
  stackOf,
} from '../modals.ts';
import type { Json, TriggerRecord, Workspace } from '../workspace.ts';
import { fail, invalidArguments, type MethodHandler, ok, type Params, str } from './method.ts';

export const TRIGGER_TTL_MS = 3_000;
const MAX_VIEW_BYTES = 250_000;

type Checked<T> = { ok: true; value: T } | { ok: false; result: Json };

function checkView(params: Params, expectedType?: 'modal' | 'home'): Checked<Json> {
  const view = params.view;
  if (view === undefined) return { ok: false, result: invalidArguments(['missing required field: view']) };
  if (!isJsonObject(view)) {
    return { ok: false, result: invalidArguments(['failed to match all allowed schemas [json-pointer:/view]']) };
  }
  const errors = validateView(view, expectedType);
  if (errors.length > 0) return { ok: false, result: invalidArguments(errors) };
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) return { ok: false, result: fail('view_too_large') };
  return { ok: true, value: view };
}

function consumeTrigger(ws: Workspace, params: Params): Checked<TriggerRecord> {
  const triggerId = str(params, 'trigger_id') ?? str(params, 'interactivity_pointer');
  if (!triggerId) return { ok: false, result: invalidArguments(['missing required field: trigger_id']) };
  const trigger = ws.triggers.get(triggerId);
  if (!trigger) return { ok: false, result: fail('invalid_trigger_id') };
  if (trigger.used) return { ok: false, result: fail('exchanged_trigger_id') };
  if (ws.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, result: fail('expired_trigger_id') };
  trigger.used = true;
  return { ok: true, value: trigger };
}

export const open: MethodHandler = (ws, params) => {
  const view = checkView(params, 'modal');
  if (!view.ok) return view.result;
  if (isDuplicateExternalId(ws, view.value)) return fail('duplicate_external_id');
  const trigger = consumeTrigger(ws, params);
  if (!trigger.ok) return trigger.result;
  const { userId, fromView } = trigger.value;
  // A trigger from a message, command or Home tab means the user is not looking at a modal: any old stack is gone.
  // A trigger from inside a modal stacks the new view on top.
  const push = fromView && stackOf(ws, userId).length > 0;
  if (push && stackOf(ws, userId).length >= MAX_MODAL_STACK) return fail('push_limit_reached');
  return ok({ view: openModal(ws, userId, view.value, push) });
};

export const push: MethodHandler = (ws, params) => {
  const view = checkView(params, 'modal');
  if (!view.ok) return view.result;
  if (isDuplicateExternalId(ws, view.value)) return fail('duplicate_external_id');
  const trigger = consumeTrigger(ws, params);
  if (!trigger.ok) return trigger.result;
  const { userId } = trigger.value;
  if (stackOf(ws, userId).length >= MAX_MODAL_STACK) return fail('push_limit_reached');
  return ok({ view: openModal(ws, userId, view.value, true) });
};

export const update: MethodHandler = (ws, params) => {
  const viewId = str(params, 'view_id');
  const externalId = str(params, 'external_id');
  if (!viewId && !externalId) return invalidArguments(['either view_id or external_id is required']);
  const record = viewId ? findOpenView(ws, viewId) : findOpenViewByExternalId(ws, externalId ?? '');
  if (!record) return fail('not_found');
  const hash = str(params, 'hash');
  if (hash !== undefined && hash !== record.view.hash) return fail('hash_conflict');
  const view = checkView(params, record.view.type === 'home' ? 'home' : 'modal');
  if (!view.ok) return view.result;
  if (isDuplicateExternalId(ws, view.value, String(record.view.id))) return fail('duplicate_external_id');
  return ok({ view: replaceView(ws, record, view.value) });
};

export const publish: MethodHandler = (ws, params) => {
  const userId = str(params, 'user_id') ?? '';
  const user = ws.users.get(userId);
  if (!user || user.deleted) return fail('user_not_found');
  const view = checkView(params, 'home');
  if (!view.ok) return view.result;
  const hash = str(params, 'hash');
  const currentId = ws.homeViews.get(userId);
  const current = currentId ? ws.views.get(currentId) : undefined;
  if (hash !== undefined && current && hash !== current.view.hash) return fail('hash_conflict');
  return ok({ view: publishHome(ws, userId, view.value) });
};
