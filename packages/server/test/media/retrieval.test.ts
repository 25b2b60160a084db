import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CSV, SVG, jpeg, pdf, png, wav } from './fixtures.js';
import { call, sendMedia, startTestServer, type TestServer, type TestUser } from './media-client.js';

describe('media retrieval', () => {
  let t: TestServer;
  let agent: TestUser;
  let visitor: TestUser;
  let outsider: TestUser;
  let otherAgent: TestUser;
  let live: string;
  let image: any;
  let doc: any;
  let audio: any;
  const wavBytes = wav(1);

  before(async () => {
    t = await startTestServer();
    agent = await t.createUser('agent', 'Gabriele Verde');
    visitor = await t.createUser('customer', 'Visitor');
    outsider = await t.createUser('member', 'Outsider');
    otherAgent = await t.createUser('agent', 'Other agent');
    live = (await t.createChat('livechat', [agent.id, visitor.id])).id;
    image = await sendMedia(t, agent, live, 'IMAGE', await jpeg(640, 480), 'happy.jpg', { caption: 'myImage' });
    doc = await sendMedia(t, agent, live, 'DOCUMENT', pdf(), 'WhatsApp - omnichannel API quick guide.pdf', { caption: 'myDoc' });
    audio = await sendMedia(t, visitor, live, 'AUDIO', wavBytes, 'voice.wav');
    await t.server.services.media.idle();
  });
  after(async () => {
    await t.close();
  });

  it('GetMultimediaMessageInActiveChat: fullsize answers the seed 000 object field for field', async () => {
    const res = await call(t, visitor, 'GET', `/v1/chats/${live}/messages/${image.id}/media?format=fullsize`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['data', 'error', 'result']);
    assert.equal(res.body.result, true);
    assert.equal(res.body.error, null);
    const d = res.body.data;
    assert.deepEqual(Object.keys(d).sort(), ['chatID', 'content', 'domain', 'format', 'messageID', 'messageType']);
    assert.equal(d.chatID, live);
    assert.equal(d.messageID, image.id);
    assert.equal(d.messageType, 'IMAGE');
    assert.equal(d.domain, 'DEFAULT');
    assert.equal(d.format, 'fullsize');
    assert.deepEqual(Object.keys(d.content).sort(), ['caption', 'documentType', 'fileName', 'img', 'user']);
    assert.equal(d.content.caption, 'myImage');
    assert.equal(d.content.fileName, 'happy.jpg');
    assert.equal(d.content.documentType, 'jpg');
    assert.equal(Buffer.from(d.content.img, 'base64').subarray(0, 3).toString('hex'), 'ffd8ff');
    const u = d.content.user;
    assert.deepEqual(Object.keys(u).sort(), ['beginTime', 'channel', 'endTime', 'firstIP', 'firstTitle', 'firstUri', 'id', 'isAgent', 'isOnline', 'nickname', 'userAgent'].sort());
    assert.equal(u.id, agent.id);
    assert.equal(u.nickname, 'Gabriele Verde');
    assert.equal(u.isAgent, true);
    assert.equal(typeof u.beginTime, 'number');
    assert.equal(u.endTime, '');
    assert.equal(u.isOnline, false);
  });

  it('a DOCUMENT comes as `document` in base64; `link` has no base64; `thumbnail` is the small image', async () => {
    const full = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${doc.id}/media`);
    assert.equal(full.body.data.format, 'fullsize');
    assert.equal(full.body.data.messageType, 'DOCUMENT');
    assert.equal(Buffer.from(full.body.data.content.document, 'base64').subarray(0, 5).toString(), '%PDF-');
    assert.equal(full.body.data.content.caption, 'myDoc');
    assert.equal(full.body.data.content.documentType, 'pdf');
    const link = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${doc.id}/media?format=link`);
    assert.equal(link.body.data.format, 'link');
    assert.equal(link.body.data.content.document, undefined);
    assert.equal(link.body.data.content.link, `/livechat/DEFAULT/downloadDocument/${live}/${doc.id}`);
    const bin = await call(t, agent, 'GET', link.body.data.content.link);
    assert.deepEqual(bin.bytes, pdf());
    const thumb = await call(t, agent, 'GET', `/v1/chats/${live}/messages/${image.id}/media?format=thumbnail`);
    assert.equal(thumb.body.data.format, 'thumbnail');
    assert.ok(Buffer.from(thumb.body.data.content.img, 'base64').length < Buffer.from((await call(t, agent, 'GET', `/v1/chats/${live}/messages/${image.id}/media`)).body.data.content.img, 'base64').length);
  });

  it('errors keep the seed shape: result false, data null, error with a code', async () => {
    const res = await call(t, agent, 'GET', `/v1/chats/${live}/messages/00000000-0000-4000-8000-000000000000/media`);
    assert.equal(res.status, 404);
    assert.equal(res.body.result, false);
    assert.equal(res.body.data, null);
    assert.equal(res.body.error.code, 'E_MESSAGE_NOT_FOUND');
  });

  it('downloadDocument: the binary with its type, a safe disposition, nosniff and a sandbox', async () => {
    const res = await call(t, visitor, 'GET', `/livechat/DEFAULT/downloadDocument/${live}/${doc.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="WhatsApp - omnichannel API quick guide.pdf"; filename*=UTF-8''WhatsApp%20-%20omnichannel%20API%20quick%20guide.pdf`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(Number(res.headers.get('content-length')), pdf().length);
    const img = await call(t, visitor, 'GET', `/livechat/downloadDocument/${live}/${image.id}`);
    assert.equal(img.headers.get('content-type'), 'image/jpeg');
    assert.match(img.headers.get('content-disposition') ?? '', /^inline; /);
    // Another tenant's domain in the path is "not found".
    const wrongDomain = await call(t, visitor, 'GET', `/livechat/OTHER/downloadDocument/${live}/${doc.id}`);
    assert.equal(wrongDomain.status, 404);
  });

  it('SVG and text are never inline', async () => {
    const svg = await sendMedia(t, agent, live, 'IMAGE', SVG, 'logo.svg');
    const res = await call(t, visitor, 'GET', `/livechat/downloadDocument/${live}/${svg.id}`);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="logo\.svg"/);
    const csv = await sendMedia(t, agent, live, 'DOCUMENT', CSV, 'prices.csv');
    const c = await call(t, visitor, 'GET', `/livechat/downloadDocument/${live}/${csv.id}`);
    assert.equal(c.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(c.headers.get('content-disposition') ?? '', /^attachment; /);
  });

  it('range requests on audio: 206 with Content-Range, suffix ranges, 416 past the end', async () => {
    const path = `/livechat/downloadDocument/${live}/${audio.id}`;
    const first = await call(t, agent, 'GET', path, undefined, { range: 'bytes=0-99' });
    assert.equal(first.status, 206);
    assert.equal(first.headers.get('content-range'), `bytes 0-99/${wavBytes.length}`);
    assert.equal(first.headers.get('accept-ranges'), 'bytes');
    assert.deepEqual(first.bytes, wavBytes.subarray(0, 100));
    const open = await call(t, agent, 'GET', path, undefined, { range: 'bytes=1000-' });
    assert.equal(open.status, 206);
    assert.deepEqual(open.bytes, wavBytes.subarray(1000));
    const suffix = await call(t, agent, 'GET', path, undefined, { range: 'bytes=-44' });
    assert.equal(suffix.headers.get('content-range'), `bytes ${wavBytes.length - 44}-${wavBytes.length - 1}/${wavBytes.length}`);
    assert.deepEqual(suffix.bytes, wavBytes.subarray(wavBytes.length - 44));
    const past = await call(t, agent, 'GET', path, undefined, { range: `bytes=${wavBytes.length}-` });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${wavBytes.length}`);
    assert.equal(past.body.error.code, 'E_RANGE_NOT_SATISFIABLE');
  });

  it('download by signed token (seed 004 fileToken / fileKey); expired, forged and mismatched tokens fail', async () => {
    const issued = await call(t, visitor, 'POST', `/v1/chats/${live}/messages/${doc.id}/media/token`);
    assert.equal(issued.status, 201);
    assert.equal(issued.body.fileKey, doc.content.mediaId);
    const res = await call(t, '', 'GET', issued.body.url);
    assert.equal(res.status, 200);
    assert.deepEqual(res.bytes, pdf());
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; /);
    const noKey = await call(t, '', 'GET', `/v1/media/download?fileToken=${encodeURIComponent(issued.body.fileToken)}`);
    assert.equal(noKey.status, 200);
    const wrongKey = await call(t, '', 'GET', `/v1/media/download?fileToken=${encodeURIComponent(issued.body.fileToken)}&fileKey=${image.content.mediaId}`);
    assert.equal(wrongKey.body.error.code, 'E_TOKEN_INVALID');
    // Forged: the claims changed (another message), the signature kept.
    const [h, p, s] = issued.body.fileToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.mid = image.id;
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const f = await call(t, '', 'GET', `/v1/media/download?fileToken=${encodeURIComponent(forged)}`);
    assert.equal(f.status, 401);
    assert.equal(f.body.error.code, 'E_TOKEN_INVALID');
    // An access token is not a file token.
    const access = await call(t, '', 'GET', `/v1/media/download?fileToken=${encodeURIComponent(visitor.token)}`);
    assert.equal(access.body.error.code, 'E_TOKEN_INVALID');
    const short = await call(t, visitor, 'POST', `/v1/chats/${live}/messages/${audio.id}/media/token`, { ttlSeconds: 1 });
    // Range requests work through the token route too.
    const ranged = await call(t, '', 'GET', short.body.url, undefined, { range: 'bytes=0-3' });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.bytes.toString('ascii'), 'RIFF');
    await sleep(2100);
    const expired = await call(t, '', 'GET', short.body.url);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'E_TOKEN_EXPIRED');
  });

  it('media messages of a chat: the first 3, then pages of 10 by last message id', async () => {
    const chat = (await t.createChat('group', [agent.id, visitor.id])).id;
    const sent: string[] = [];
    const bytes = await png(8, 8);
    for (let i = 0; i < 15; i++) {
      sent.push((await sendMedia(t, agent, chat, 'IMAGE', bytes, `p${i}.png`)).id);
      await call(t, agent, 'POST', `/v1/chats/${chat}/messages`, { messageType: 'TEXT', content: { text: `between ${i}` } });
    }
    const newestFirst = [...sent].reverse();
    const first = await call(t, visitor, 'GET', `/v1/chats/${chat}/media`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.messages.map((m: any) => m.id), newestFirst.slice(0, 3));
    assert.equal(first.body.hasMore, true);
    const second = await call(t, visitor, 'GET', `/v1/chats/${chat}/media?lastMessageId=${newestFirst[2]}`);
    assert.deepEqual(second.body.messages.map((m: any) => m.id), newestFirst.slice(3, 13));
    assert.equal(second.body.hasMore, true);
    const third = await call(t, visitor, 'GET', `/v1/chats/${chat}/media?lastMessageId=${newestFirst[12]}`);
    assert.deepEqual(third.body.messages.map((m: any) => m.id), newestFirst.slice(13));
    assert.equal(third.body.hasMore, false);
    assert.ok(third.body.messages.every((m: any) => m.messageType === 'IMAGE' && m.content.img === undefined));
  });

  it('only members (and the tenant agents, for live chats) fetch media; another tenant gets not found', async () => {
    const nonMember = await call(t, outsider, 'GET', `/v1/chats/${live}/messages/${image.id}/media`);
    assert.equal(nonMember.status, 403);
    assert.equal(nonMember.body.error.code, 'E_NOT_MEMBER');
    assert.equal((await call(t, outsider, 'GET', `/livechat/downloadDocument/${live}/${doc.id}`)).status, 403);
    assert.equal((await call(t, outsider, 'POST', `/v1/chats/${live}/messages/${doc.id}/media/token`)).status, 403);
    assert.equal((await call(t, outsider, 'GET', `/v1/chats/${live}/media`)).status, 403);
    // Any agent of the tenant may read a live chat's media.
    const byAgent = await call(t, otherAgent, 'GET', `/livechat/downloadDocument/${live}/${doc.id}`);
    assert.equal(byAgent.status, 200);
    // But not a group chat's.
    const group = (await t.createChat('group', [agent.id, visitor.id])).id;
    const inGroup = await sendMedia(t, agent, group, 'DOCUMENT', pdf(), 'g.pdf');
    assert.equal((await call(t, otherAgent, 'GET', `/livechat/downloadDocument/${group}/${inGroup.id}`)).status, 403);

    const created = await t.admin<any>('POST', '/v1/admin/tenants', { domain: 'ACME' });
    const acmeKey = created.body.adminKey as string;
    const acmeUser = await fetch(`${t.url}/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acmeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'agent', nickname: 'Acme agent' }),
    }).then((r) => r.json());
    const acmeToken = await fetch(`${t.url}/v1/admin/users/${encodeURIComponent(acmeUser.user.id)}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${acmeKey}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json());
    const other = await call(t, acmeToken.token, 'GET', `/v1/chats/${live}/messages/${image.id}/media`);
    assert.equal(other.status, 404);
    assert.equal(other.body.error.code, 'E_CHAT_NOT_FOUND');
    assert.equal((await call(t, acmeToken.token, 'GET', `/livechat/ACME/downloadDocument/${live}/${doc.id}`)).status, 404);
    assert.equal((await call(t, acmeToken.token, 'GET', `/livechat/DEFAULT/downloadDocument/${live}/${doc.id}`)).status, 404);
    // Its users cannot send our uploads either.
    const stolen = await call(t, acmeToken.token, 'POST', '/v1/chats', { kind: 'group', title: 'x', members: [] });
    const send = await call(t, acmeToken.token, 'POST', `/v1/chats/${stolen.body.chat.id}/messages`, { messageType: 'IMAGE', content: { mediaId: image.content.mediaId } });
    assert.equal(send.body.error.code, 'E_MEDIA_NOT_FOUND');
  });

  it('a plan without the feature answers 403 E_FEATURE_UNAVAILABLE', async () => {
    const tenant = (await t.store.getTenant(t.tenantId))!;
    const without = (f: string) => ({ ...tenant.plan, features: tenant.plan.features.filter((x) => x !== f) });
    try {
      await t.store.updateTenant(t.tenantId, { plan: without('imageAttachment') });
      const img = await call(t, agent, 'POST', `/v1/chats/${live}/messages`, { messageType: 'IMAGE', content: { mediaId: image.content.mediaId } });
      assert.equal(img.status, 403);
      assert.equal(img.body.error.code, 'E_FEATURE_UNAVAILABLE');
      // Documents still work.
      const okDoc = await call(t, agent, 'POST', `/v1/chats/${live}/messages`, { messageType: 'DOCUMENT', content: { mediaId: doc.content.mediaId } });
      assert.equal(okDoc.status, 201);
      await t.store.updateTenant(t.tenantId, { plan: without('audioAttachment') });
      const au = await call(t, visitor, 'POST', `/v1/chats/${live}/messages`, { messageType: 'AUDIO', content: { mediaId: audio.content.mediaId } });
      assert.equal(au.body.error.code, 'E_FEATURE_UNAVAILABLE');
      await t.store.updateTenant(t.tenantId, { plan: without('getMediaMessages') });
      const list = await call(t, agent, 'GET', `/v1/chats/${live}/media`);
      assert.equal(list.status, 403);
      assert.equal(list.body.error.code, 'E_FEATURE_UNAVAILABLE');
    } finally {
      await t.store.updateTenant(t.tenantId, { plan: tenant.plan });
    }
  });
});
