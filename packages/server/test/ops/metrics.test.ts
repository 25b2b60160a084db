import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => t.close());

  const scrape = async () => {
    const res = await fetch(`${t.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    return res.text();
  };

  it('exposes every metric family, including event-loop lag and the contact-centre placeholders', async () => {
    const text = await scrape();
    for (const name of [
      'parley_connections',
      'parley_messages_in_total',
      'parley_messages_out_total',
      'parley_delivery_latency_seconds',
      'parley_resume_chats_total',
      'parley_writer_batch_size',
      'parley_writer_queue_length',
      'parley_store_seconds',
      'parley_http_requests_total',
      'parley_queue_length',
      'parley_queue_wait_seconds',
      'parley_webhook_failures_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      assert.ok(text.includes(`# TYPE ${name} `), `${name} is exposed`);
    }
  });

  it('moves under traffic: connections, messages in and out, delivery latency, batches, resumes, HTTP', async () => {
    const before = await scrape();
    const alice = await t.createUser('member');
    const bob = await t.createUser('member');
    const chat = await t.createChat('group', [alice.id, bob.id]);
    const a = await RawClient.connect(t.wsUrl, alice.token);
    const b = await RawClient.connect(t.wsUrl, bob.token);
    await b.request('resume', { cursors: {} });
    for (let i = 0; i < 5; i++) assert.ok((await a.request('send', { chatId: chat.id, messageType: 'TEXT', content: { text: `m${i}` } })).ok);
    await b.waitFor(() => b.eventsOf('message').length === 5, 'five messages');
    const resumed = await b.request('resume', { epoch: b.hello.epoch, cursors: { [chat.id]: 2, CHAT_gone: 1 } });
    assert.ok(resumed.ok);
    const during = await scrape();
    assert.equal(sample(during, 'parley_connections'), 2);
    a.close();
    b.close();

    const delta = (series: string) => sample(during, series) - sample(before, series);
    assert.equal(delta('parley_messages_in_total'), 5);
    assert.equal(delta('parley_messages_out_total'), 5, 'one message event per receiving socket');
    assert.equal(delta('parley_delivery_latency_seconds_count'), 5);
    assert.equal(delta('parley_connections_opened_total'), 2);
    assert.ok(delta('parley_writer_batch_size_count{op="commit"}') >= 1);
    assert.ok(delta('parley_writer_batch_size_sum{op="commit"}') === 5);
    assert.ok(delta('parley_store_seconds_count{op="commit"}') >= 1);
    assert.equal(delta('parley_resume_chats_total{outcome="recovered"}'), 1);
    assert.equal(delta('parley_resume_chats_total{outcome="gone"}'), 1);
    assert.equal(delta('parley_resume_replayed_messages_total'), 3);
    assert.equal(delta('parley_http_requests_total{method="POST",route="/v1/admin/users",status="201"}'), 2);
  });
});
