import { Writable } from 'node:stream';

/** A pino destination that keeps every log line, for tests that read what the server logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.lines.push(line);
    done();
  }

  /** Lines at pino level `error` (50) or above. */
  errors(): string[] {
    return this.lines.filter((line) => {
      try {
        return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
      } catch {
        return true;
      }
    });
  }
}
