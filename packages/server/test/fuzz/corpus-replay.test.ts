// The short form of the coverage-guided fuzzing (docs/reliability.md): every committed corpus input
// and every past finding (corpus/regressions/<target>) replayed through its target, so what the fuzzer
// found once stays caught. The long form is `npm run fuzz -- --minutes 30`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OP_NAMES } from '@parley/protocol';
import { OP_INPUTS } from './support/op-inputs.js';
import { corpusOf, TARGETS, type TargetName } from './support/corpus.js';
import { fuzz as wsFrame } from './targets/ws-frame.js';
import { fuzz as messageContent } from './targets/message-content.js';
import { fuzz as formResponse } from './targets/form-response.js';
import { fuzz as restRequest } from './targets/rest-request.js';

const RUN: Record<TargetName, (data: Buffer) => void | Promise<void>> = {
  'ws-frame': wsFrame,
  'message-content': messageContent,
  'form-response': formResponse,
  'rest-request': restRequest,
};

describe('fuzz corpus replay', () => {
  it('checks the data of every WebSocket op', () => {
    assert.deepEqual(Object.keys(OP_INPUTS).sort(), [...OP_NAMES].sort());
  });

  for (const target of TARGETS) {
    it(`${target}: every committed input is accepted or refused with an E_* code, in time`, async () => {
      const inputs = corpusOf(target);
      assert.ok(inputs.length >= 5, `${target}: ${inputs.length} inputs`);
      for (const { name, bytes } of inputs) {
        try {
          await RUN[target](bytes);
        } catch (err) {
          assert.fail(`${name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      console.log(`figures ${JSON.stringify({ suite: 'fuzz-replay', target, inputs: inputs.length })}`);
    });
  }
});
