import type { FastifyReply, FastifyRequest } from 'fastify';
import { ParleyError } from '@parley/protocol';
import type { MediaFile, MediaService } from '../../domain/media/index.js';
import { parseRange } from './http-range.js';

/**
 * What every media response carries: the sniffed type, never sniffed again by the browser; a
 * sandbox so that nothing served runs script even when opened directly; inline only for raster
 * images, audio and video — SVG, documents and text always download as attachments.
 */
export const MEDIA_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

export function contentDisposition(file: Pick<MediaFile, 'fileName' | 'inline'>): string {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(file.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${file.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Streams a media file with its safety headers, honouring a single byte range (206 / 416). */
export async function sendMediaFile(request: FastifyRequest, reply: FastifyReply, media: MediaService, file: MediaFile): Promise<FastifyReply> {
  const rangeHeader = request.headers.range;
  const range = parseRange(typeof rangeHeader === 'string' ? rangeHeader : undefined, file.size);
  if (range === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${file.size}`);
    throw new ParleyError('E_RANGE_NOT_SATISFIABLE', `The file has ${file.size} bytes`);
  }
  const type = file.mimeType.startsWith('text/') ? `${file.mimeType}; charset=utf-8` : file.mimeType;
  void reply
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', MEDIA_CSP)
    .header('content-disposition', contentDisposition(file))
    .header('x-download-options', 'noopen')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'private, max-age=300')
    .header('accept-ranges', 'bytes');
  if (range) {
    void reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', String(range.end - range.start + 1));
    return reply.send(await media.read(file, range));
  }
  void reply.header('content-length', String(file.size));
  return reply.send(await media.read(file));
}
