/** A pino destination for tests that keeps every JSON log line. */
import { Writable } from 'node:stream';

/** A stream to hand to the server as `logDestination`, and the lines it has received (complete lines only). */
export function captureLogLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  let rest = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      rest += chunk.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts.filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}
