import type { App } from '@slack/bolt';
import { expect, test } from 'vitest';
import { indexListeners } from '../../../src/platform/slack/listener-index.ts';

type Registered = { kind: string; constraint: unknown; listeners: Array<(args: unknown) => unknown> };

function recorder() {
  const registered: Registered[] = [];
  const app = {
    action: (constraint: unknown, ...listeners: Registered['listeners']) =>
      void registered.push({ kind: 'action', constraint, listeners }),
    view: (constraint: unknown, ...listeners: Registered['listeners']) =>
      void registered.push({ kind: 'view', constraint, listeners }),
    command: (constraint: unknown, ...listeners: Registered['listeners']) =>
      void registered.push({ kind: 'command', constraint, listeners }),
  };
  return { app: app as unknown as App, registered };
}

test('actions and views by id go through one Bolt listener per kind that calls only the matching ones', async () => {
  const { app, registered } = recorder();
  const calls: string[] = [];
  const indexed = indexListeners(app);
  indexed.action('vote_go', async () => void calls.push('go'));
  indexed.action('vote_no_go', async () => void calls.push('no-go'));
  indexed.action('vote_no_go', async () => void calls.push('no-go again'));
  indexed.view('vote_note', async () => void calls.push('note'));
  expect(registered.map((r) => r.kind)).toEqual(['action', 'view']);
  const [actions, views] = registered as [Registered, Registered];
  expect(views.constraint).toMatchObject({ type: 'view_submission' });
  await actions.listeners[0]?.({ action: { action_id: 'vote_no_go' } });
  await actions.listeners[0]?.({ action: { action_id: 'unknown' } });
  await views.listeners[0]?.({ view: { callback_id: 'vote_note' } });
  expect(calls).toEqual(['no-go', 'no-go again', 'note']);
});

test('patterns, constraint objects, listener middleware and commands go to Bolt unchanged', () => {
  const { app, registered } = recorder();
  const indexed = indexListeners(app);
  const listener = async () => undefined;
  const middleware = async () => undefined;
  indexed.action(/^home_link_/, listener);
  indexed.action({ action_id: 'x', block_id: 'y' }, listener);
  indexed.action('with_middleware', middleware, listener);
  indexed.command('/release', listener);
  expect(registered.map((r) => [r.kind, r.constraint, r.listeners.length])).toEqual([
    ['action', /^home_link_/, 1],
    ['action', { action_id: 'x', block_id: 'y' }, 1],
    ['action', 'with_middleware', 2],
    ['command', '/release', 1],
  ]);
});

test('a listener that throws rejects the dispatch, as Bolt reports a listener error', async () => {
  const { app, registered } = recorder();
  indexListeners(app).action('boom', async () => {
    throw new Error('boom');
  });
  await expect(registered[0]?.listeners[0]?.({ action: { action_id: 'boom' } })).rejects.toThrow('boom');
});
