import type { App } from '@slack/bolt';

type Listener = (args: never) => Promise<unknown> | unknown;
type Indexed = Map<string, Listener[]>;

/** What Bolt hands an action or view listener, as far as the index reads it. */
type DispatchArgs = { action?: { action_id?: unknown }; view?: { callback_id?: unknown } };

async function dispatch(listeners: Listener[] | undefined, args: unknown): Promise<void> {
  if (!listeners) return;
  if (listeners.length === 1) {
    await (listeners[0] as (a: unknown) => unknown)(args);
    return;
  }
  await Promise.all(listeners.map((listener) => (listener as (a: unknown) => unknown)(args)));
}

/**
 * The app as the modules register on it, with `action(id, listener)` and `view(callbackId, listener)` for a plain
 * string id kept in a map behind ONE Bolt listener per kind. Bolt runs every registered listener's middleware chain
 * for every request (copying its arguments for each), which with some forty listeners was a fixed cost of every
 * click; a map finds the one that matches. Anything else (a pattern, a constraint object, listener middleware,
 * events, commands) goes to Bolt as before. A view listener by callback id answers view submissions only, as Bolt's.
 */
export function indexListeners(app: App): App {
  const actions: Indexed = new Map();
  const views: Indexed = new Map();
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    app.action(/(?:)/, (args) => dispatch(actions.get(String((args as DispatchArgs).action?.action_id)), args));
    app.view({ type: 'view_submission', callback_id: /(?:)/ }, (args) =>
      dispatch(views.get(String((args as DispatchArgs).view?.callback_id)), args),
    );
  };
  const add = (index: Indexed, id: string, listener: Listener) => {
    register();
    index.set(id, [...(index.get(id) ?? []), listener]);
  };
  return new Proxy(app, {
    get(target, key, receiver) {
      if (key === 'action' || key === 'view') {
        const index = key === 'action' ? actions : views;
        return (constraint: unknown, ...listeners: Listener[]) => {
          if (typeof constraint === 'string' && listeners.length === 1) {
            add(index, constraint, listeners[0] as Listener);
            return;
          }
          return (Reflect.get(target, key, receiver) as (...a: unknown[]) => unknown).call(
            target,
            constraint,
            ...listeners,
          );
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
