import type { Writable } from 'node:stream';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { LogLevelName } from './config.ts';

const ORDER: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/**
 * Where log lines go: a stream (stderr), until it cannot be written any more. When its reader goes away (a closed
 * pipe, a log collector that died) every write fails, and a failed write Node reports as an `error` event: with
 * nobody listening, an uncaught exception, whose own log line failed the same way, for ever, at full CPU. So the
 * sink listens, and after the stream's first failure it drops what comes: the bot goes on serving, unlogged.
 */
export function createStreamSink(stream: Writable): (line: string) => void {
  let broken = false;
  stream.on('error', () => {
    broken = true;
  });
  return (line) => {
    if (broken || stream.destroyed) return;
    try {
      stream.write(`${line}\n`);
    } catch {
      broken = true;
    }
  };
}

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
