import { join } from 'node:path';
import { FsBlobStore } from './fs/index.js';
import type { BlobStore } from './types.js';

export type { BlobInfo, BlobStore, ByteRange, LocalBlobFile, StagedBlob } from './types.js';
export { FsBlobStore } from './fs/index.js';

/**
 * The blob store of a node: files under `<dataDir>/blobs` (the embedded default).
 *
 * @example
 * const blobs = createBlobStore({ dataDir: './data' });
 */
export function createBlobStore(opts: { dataDir: string }): BlobStore {
  return new FsBlobStore(join(opts.dataDir, 'blobs'));
}
