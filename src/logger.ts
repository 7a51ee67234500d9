import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { LogLevelName } from './config.ts';

const ORDER: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger for Bolt and for the bot: one line per entry on stderr, filtered by level. */
export function createLogger(level: LogLevelName, write: (line: string) => void = (line) => console.error(line)) {
  let current: LogLevelName = level;
  let name = 'release-bot';
  const emit =
    (at: LogLevelName) =>
    (...msg: unknown[]) => {
      if (ORDER[at] < ORDER[current]) return;
      const text = msg
        .map((m) => (m instanceof Error ? (m.stack ?? m.message) : typeof m === 'string' ? m : JSON.stringify(m)))
        .join(' ');
      write(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${text}`);
    };
  const logger: BoltLogger = {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: (next: LogLevel) => {
      current = next as LogLevelName;
    },
    getLevel: () => current as LogLevel,
    setName: (next: string) => {
      name = next;
    },
  };
  return logger;
}
