import type { Readable } from 'node:stream';

/** What the blob store knows of one blob: its content address and size. */
export interface BlobInfo {
  /** sha-256 of the bytes, lowercase hex: the blob's address. */
  key: string;
  size: number;
}

/** An inclusive byte range, as HTTP ranges count. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Bytes written to a temporary place and hashed, not yet stored under their address. The caller
 * inspects them (type sniffing, header checks) and then commits or discards.
 */
export interface StagedBlob extends BlobInfo {
  /** A local file holding the staged bytes, valid until `commit` or `discard`. */
  readonly path: string;
  /** Stores the bytes under their address; the same bytes stored before are kept once. */
  commit(): Promise<BlobInfo>;
  discard(): Promise<void>;
}

/** A local file holding a blob, for tools that need a path (sharp, music-metadata, ffmpeg). */
export interface LocalBlobFile {
  path: string;
  /** Frees the copy, when the store had to make one. */
  release(): Promise<void>;
}

/**
 * Content-addressed blob storage: every blob lives under the sha-256 of its bytes, so the same file
 * uploaded twice is stored once. One interface, one folder per engine (`fs/` now; an S3-compatible
 * engine implements the same five calls).
 */
export interface BlobStore {
  /** Engine name for logs: `fs`. */
  readonly name: string;
  /**
   * Streams `source` to a temporary place while hashing it. More than `maxBytes` rejects with
   * E_PAYLOAD_TOO_LARGE as soon as the limit is passed, keeping nothing; memory stays flat.
   */
  stage(source: Readable, opts?: { maxBytes?: number; signal?: AbortSignal }): Promise<StagedBlob>;
  /** Stores small bytes at once (renditions, thumbnails). */
  put(bytes: Uint8Array): Promise<BlobInfo>;
  stat(key: string): Promise<BlobInfo | null>;
  /** The blob's bytes, or only the inclusive `range`; E_MEDIA_NOT_FOUND when absent. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  localFile(key: string): Promise<LocalBlobFile>;
}
