import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sanitiseFileName } from '../../src/domain/media/file-name.js';
import { isWellFormedSvg, sniffText } from '../../src/domain/media/text-sniff.js';
import { parseRange } from '../../src/transports/rest/http-range.js';
import { JobQueue } from '../../src/domain/media/job-queue.js';

describe('media units', () => {
  it('sanitiseFileName', () => {
    assert.equal(sanitiseFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitiseFileName('C:\\Users\\me\\photo.png'), 'photo.png');
    assert.equal(sanitiseFileName('a\u0000b\u001f\u007fc.pdf'), 'abc.pdf');
    assert.equal(sanitiseFileName('report\u202Efdp.exe'), 'reportfdp.exe');
    assert.equal(sanitiseFileName('\u2066x\u2069.txt'), 'x.txt');
    assert.equal(sanitiseFileName('...hidden'), 'hidden');
    assert.equal(sanitiseFileName('a<b>:c|d?.png'), 'a_b__c_d_.png');
    assert.equal(sanitiseFileName('CON.txt'), '_CON.txt');
    assert.equal(sanitiseFileName('  spaced   out  .png '), 'spaced out .png');
    assert.equal(sanitiseFileName('/'), '');
    const long = sanitiseFileName(`${'é'.repeat(300)}.docx`);
    assert.equal([...long].length, 200);
    assert.ok(long.endsWith('.docx'));
  });

  it('sniffText', () => {
    const b = (s: string) => Buffer.from(s);
    assert.equal(sniffText(b('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), false), 'svg');
    assert.equal(sniffText(b('\ufeff<?xml version="1.0"?><!-- c --><svg></svg>'), false), 'svg');
    assert.equal(sniffText(b('<!doctype html><p>x'), false), 'html');
    assert.equal(sniffText(b('  <script>alert(1)</script>'), false), 'html');
    assert.equal(sniffText(b('<?xml version="1.0"?><note/>'), false), 'xml');
    assert.equal(sniffText(b('a,b\n1,2\n3,4\n'), false), 'csv');
    assert.equal(sniffText(b('just some words\nand more'), false), 'txt');
    assert.equal(sniffText(Buffer.from([0x61, 0x00, 0x62]), false), 'binary');
    assert.equal(sniffText(Buffer.from([0xff, 0xfe, 0x00]), false), 'binary');
    // A multi-byte character cut at the end of a head is still text.
    assert.equal(sniffText(Buffer.from('héllo wörld').subarray(0, 2), true), 'txt');
    assert.equal(isWellFormedSvg('<svg><g><svg></svg></g></svg>'), true);
    assert.equal(isWellFormedSvg('<svg><rect/>'), false);
    assert.equal(isWellFormedSvg('<svg/>'), true);
    assert.equal(isWellFormedSvg('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'), false);
  });

  it('parseRange', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-1000', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,5-6', 100), undefined);
    assert.equal(parseRange('items=0-1', 100), undefined);
    assert.equal(parseRange(undefined, 100), undefined);
  });

  it('JobQueue is bounded', async () => {
    const q = new JobQueue(1, 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const ran: number[] = [];
    assert.equal(q.offer(async () => { await gate; ran.push(1); }), true);
    assert.equal(q.offer(() => { ran.push(2); return Promise.resolve(); }), true);
    assert.equal(q.offer(() => { ran.push(3); return Promise.resolve(); }), true);
    assert.equal(q.offer(() => { ran.push(4); return Promise.resolve(); }), false);
    release();
    await q.idle();
    assert.deepEqual(ran, [1, 2, 3]);
  });
});
