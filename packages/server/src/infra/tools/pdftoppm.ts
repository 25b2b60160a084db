import { runTool, toolRuns } from './run-tool.js';

let available: Promise<boolean> | undefined;

/** Whether Poppler's `pdftoppm` (Debian's poppler-utils) runs on this machine (checked once). */
export function pdftoppmAvailable(): Promise<boolean> {
  available ??= toolRuns('pdftoppm', ['-v']);
  return available;
}

/** A rendered first page is a small PNG; anything bigger than this is not what was asked for. */
const MAX_PAGE_BYTES = 8 * 1024 * 1024;

/**
 * The first page of a PDF as PNG bytes, its longer side `box` pixels: only page 1 is rendered, at
 * thumbnail resolution, within the deadline. Null when the file does not render (broken, encrypted).
 */
export async function pdfFirstPage(path: string, box: number, timeoutMs: number): Promise<Buffer | null> {
  const out = await runTool(
    'pdftoppm',
    ['-f', '1', '-l', '1', '-singlefile', '-scale-to', String(box), '-png', path],
    timeoutMs,
    MAX_PAGE_BYTES,
  );
  return out.code === 0 && out.stdout.length > 0 ? out.stdout : null;
}
