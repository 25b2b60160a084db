import { ClientFrameSchema, OP_NAMES, ParleyError, validator } from '@parley/protocol';

const clientFrame = validator(ClientFrameSchema);
const KNOWN_OPS: ReadonlySet<string> = new Set(OP_NAMES);

export interface RawClientFrame {
  op: string;
  rid: string | number;
  data?: unknown;
}

/**
 * A text frame as the gateway reads it: JSON, then the frame's shape. Text that is not JSON is
 * E_BAD_JSON; a frame of the wrong shape E_VALIDATION. A pure function, so the fuzzers run it as is.
 */
export function readClientFrame(text: string): RawClientFrame {
  try {
    return clientFrame.parse(JSON.parse(text));
  } catch (err) {
    throw err instanceof ParleyError ? err : new ParleyError('E_BAD_JSON');
  }
}

/** Refuses an op the protocol does not have (checked before anything runs). */
export function checkKnownOp(op: string): void {
  if (!KNOWN_OPS.has(op)) throw new ParleyError('E_UNKNOWN_OP', `Unknown operation "${op}"`, { path: '/op' });
}
