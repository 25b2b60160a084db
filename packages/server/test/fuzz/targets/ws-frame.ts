// Fuzz target: one WebSocket text frame, read as the gateway reads it (JSON, frame shape, known op),
// then the op's data checked as its service checks it before touching a store.
import { isUtf8 } from 'node:buffer';
import type { OpName } from '@parley/protocol';
import { checkKnownOp, readClientFrame } from '../../../src/transports/ws/client-frame.js';
import { OP_INPUTS } from '../support/op-inputs.js';
import { expectSound } from '../support/property.js';

export function fuzz(data: Buffer): void {
  // A text frame that is not UTF-8 never reaches the gateway: the socket closes with 1007.
  if (!isUtf8(data)) return;
  expectSound('ws-frame', () => {
    const frame = readClientFrame(data.toString('utf8'));
    checkKnownOp(frame.op);
    OP_INPUTS[frame.op as OpName](frame.data);
  });
}
