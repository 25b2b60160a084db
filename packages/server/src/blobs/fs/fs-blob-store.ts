import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ParleyError } from '@parley/protocol';
import type { BlobInfo, BlobStore, ByteRange, LocalBlobFile, StagedBlob } from '../types.js';

const KEY = /^[0-9a-f]{64}$/;

/**
 * Blobs as files under `<dataDir>/blobs`: `ab/cd/<sha256>`. Writes go to `tmp/` first and are renamed
 * into place (atomic on one filesystem), so a reader never sees half a blob and a crash leaves only
 * temporary files.
 */
export class FsBlobStore implements BlobStore {
  readonly name = 'fs';
  private readonly tmpDir: string;
  private ready: Promise<void> | undefined;

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  async stage(source: Readable, opts: { maxBytes?: number; signal?: AbortSignal } = {}): Promise<StagedBlob> {
    await this.init();
    const path = join(this.tmpDir, `${randomUUID()}.part`);
    const counter = new HashingCounter(opts.maxBytes ?? Number.MAX_SAFE_INTEGER);
    // The source is piped, not part of the pipeline: a failure here never destroys it, so the caller
    // decides whether to drain it (an HTTP upload, keeping the connection usable) or abort it.
    const onSourceError = (err: Error): void => {
      counter.destroy(err);
    };
    source.once('error', onSourceError);
    source.pipe(counter);
    try {
      await pipeline(counter, createWriteStream(path, { flags: 'wx' }), opts.signal ? { signal: opts.signal } : {});
    } catch (err) {
      source.unpipe(counter);
      await rm(path, { force: true });
      throw err;
    } finally {
      source.off('error', onSourceError);
    }
    const info: BlobInfo = { key: counter.digest(), size: counter.bytes };
    let settled = false;
    return {
      ...info,
      path,
      commit: async () => {
        if (settled) throw new Error('staged blob already settled');
        settled = true;
        await this.place(path, info.key);
        return info;
      },
      discard: async () => {
        if (settled) return;
        settled = true;
        await rm(path, { force: true });
      },
    };
  }

  async put(bytes: Uint8Array): Promise<BlobInfo> {
    await this.init();
    const key = createHash('sha256').update(bytes).digest('hex');
    if (await this.stat(key)) return { key, size: bytes.byteLength };
    const path = join(this.tmpDir, `${randomUUID()}.part`);
    await writeFile(path, bytes, { flag: 'wx' });
    await this.place(path, key);
    return { key, size: bytes.byteLength };
  }

  async stat(key: string): Promise<BlobInfo | null> {
    if (!KEY.test(key)) return null;
    try {
      const s = await stat(this.pathOf(key));
      return { key, size: s.size };
    } catch {
      return null;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    if (!(await this.stat(key))) throw new ParleyError('E_MEDIA_NOT_FOUND', 'The file is missing from the blob store');
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async localFile(key: string): Promise<LocalBlobFile> {
    if (!(await this.stat(key))) throw new ParleyError('E_MEDIA_NOT_FOUND', 'The file is missing from the blob store');
    return { path: this.pathOf(key), release: () => Promise.resolve() };
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  /** Moves a finished temporary file to its address; when the address is taken, the bytes are the same. */
  private async place(tmp: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    if (await this.stat(key)) {
      await rm(tmp, { force: true });
      return;
    }
    await mkdir(join(this.root, key.slice(0, 2), key.slice(2, 4)), { recursive: true });
    await rename(tmp, target);
  }

  private init(): Promise<void> {
    this.ready ??= mkdir(this.tmpDir, { recursive: true }).then(() => undefined);
    return this.ready;
  }
}

/** Passes bytes through while hashing and counting them; fails the stream past `max` bytes. */
class HashingCounter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) {
      done(new ParleyError('E_PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${this.max} bytes`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
