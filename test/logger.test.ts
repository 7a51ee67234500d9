import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger, createStreamSink } from '../src/logger.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A stream whose reader went away: every write fails as a closed pipe's does. */
function closedPipe() {
  const attempts: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      attempts.push(String(chunk));
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return { stream, attempts };
}

test('log lines reach the stream, one line each, filtered by level', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('warn', createStreamSink(stream));
  logger.info('not shown');
  logger.warn('a warning', { code: 7 });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\S+ WARN \[release-bot\] a warning \{"code":7\}\n$/);
});

test('once the stream fails (its reader is gone), lines are dropped: no error escapes and nothing is retried', async () => {
  const { stream, attempts } = closedPipe();
  const logger = createLogger('info', createStreamSink(stream));
  logger.error('the first line after the reader went away');
  await tick();
  for (let i = 0; i < 100; i += 1) logger.error(`line ${i}`);
  await tick();
  // The failed write was the only one: without the sink's listener it was an uncaught exception, whose own log line
  // failed the same way, and so on.
  // (An error escaping would fail this test as an unhandled one.)
  expect(attempts).toHaveLength(1);
});
