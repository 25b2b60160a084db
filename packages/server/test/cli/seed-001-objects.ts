import { SEED_001_EXAMPLES } from '../../../protocol/test/fixtures/seed-001.js';
import { SEED_USERS, seedRooms } from '../integration/message-types-seed.js';

/** One stored message of seed 001, `{data, room}`, as the seed prints it (without Mongo's `_id`). */
export interface SeedObject {
  data: {
    replyTo?: string;
    id: string;
    messageType: string;
    content: Record<string, unknown>;
    ts: number;
    deliverySuccess: boolean;
    deliveryErrorReason: string;
    messageSeen: number | null;
  };
  room: string;
}

/** Each example's room and `ts`, as seed 001 shows them (`shared/seeds/001_d549b68ab33067d0.txt`). */
const WHERE: Record<string, { room: string; ts: number }> = {
  'e857df30-76a4-4c6c-b4a5-4faed2ed6f45': { room: 'CHAT_DEFAULT_a098a0bc-b34c-452c-829c-1b03aa7a67ee', ts: 1643191581119 },
  '03250778-0425-47c1-92c1-85d1840bef7c': { room: 'CHAT_DEFAULT_a098a0bc-b34c-452c-829c-1b03aa7a67ee', ts: 1643191627987 },
  '16daf4d4-a77f-406f-ab75-0475f510bc95': { room: 'CHAT_DEFAULT_a098a0bc-b34c-452c-829c-1b03aa7a67ee', ts: 1643191652417 },
  '17909c52-1f26-402c-90cb-3106ba80bb3b': { room: 'CHAT_DEFAULT_a098a0bc-b34c-452c-829c-1b03aa7a67ee', ts: 1643191666618 },
  m_dXya7ckVUHyYxQHcQrrdgT2MVSImQFjQ7aCDxA_Mxf7AeR9GMI0vDs2dy2PKgTjE24tQrJImLWYnR5hgtpt7Uw: {
    room: 'CHAT_DEFAULT_06b6ace1-a923-4657-876b-c6432729610d',
    ts: 1643207226322,
  },
  m_JLR7O2EHIE6d3fiskFBiqz2MVSImQFjQ7aCDxA_Mxf6hm6TYUaJKXiEqfYgCX8WKxriZux06OzPB8XLZa8yNKA: {
    room: 'CHAT_DEFAULT_24ec70f1-b92d-44c4-94ad-49bcd15986ea',
    ts: 1643206886118,
  },
  'd77210fa-4aa2-4876-8fcc-8eaf43122987': { room: 'CHAT_DEFAULT_84afbdd3-a4be-4057-ae49-32edc6802658', ts: 1655210172935 },
  'fdaa821a-4355-4f3a-9507-1184c3285701': { room: 'CHAT_DEFAULT_84afbdd3-a4be-4057-ae49-32edc6802658', ts: 1655210175559 },
  '5bd5fcd0-ee5e-48c9-b825-c3e42b85cc45': { room: 'CHAT_DEFAULT_e7473a4a-88c7-415d-957b-01aac31673c0', ts: 1679325011759 },
  'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMUM2MjFFNDYxMjIwRTYyQkNGRUVEMEVGMDE5RUVEQTcA': {
    room: 'CHAT_DEFAULT_e7473a4a-88c7-415d-957b-01aac31673c0',
    ts: 1679325017885,
  },
  'f3f3352c-7f50-43c6-9dd8-7db3fa44ce8c': { room: 'CHAT_DEFAULT_df3b98ab-4a53-4d1f-8138-c3b45a58c9a0', ts: 1679325464928 },
  '1601da67-ccf3-495e-b86b-3c51bae8789d': { room: 'CHAT_DEFAULT_df3b98ab-4a53-4d1f-8138-c3b45a58c9a0', ts: 1679325479470 },
  'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMTdBREMzMjJGRjJDRDU2RjY5NUVFMDM4RDBFQTBBQTQA': {
    room: 'CHAT_DEFAULT_c1201fe5-e653-4540-a766-b583bfeb4c8c',
    ts: 1679329738463,
  },
  'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMUMzQUREMEI1NzAzMDkyOTc1NTUwOUVBNERENkM0QTUA': {
    room: 'CHAT_DEFAULT_c1201fe5-e653-4540-a766-b583bfeb4c8c',
    ts: 1679329765410,
  },
  'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggNDIzQTgwNjQ5QzFCMkNFRDI1MzA5QTQzQjEyQzM3MTkA': {
    room: 'CHAT_DEFAULT_c1201fe5-e653-4540-a766-b583bfeb4c8c',
    ts: 1679329786335,
  },
  'c6d3e132-4432-4208-943d-cc2b34ba3107': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786830148 },
  '715a2213-3123-4718-8266-a489bebc493b': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786834240 },
  'cfa53427-1ee7-4e8f-9848-e8e87523aec4': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786839849 },
  '227130be-f490-4ef2-9923-9bb69ad6756c': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786873764 },
  'a8ffdf71-ad3e-4495-ba91-057442df88c0': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786886374 },
  'b88d3de0-23b8-41d1-95c3-1209dd4c8cff': { room: 'CHAT_DEFAULT_d06723cf-518e-4767-99b6-6d21d5998081', ts: 1617786896642 },
};

/**
 * Seed 001's example objects, each in its room with its sender and time, in the seed's order. The
 * video events carry no `replyTo` in the seed; the export writes `""` for none, as the other examples do.
 */
export function seedObjects(): SeedObject[] {
  const senders = new Map(seedRooms().flatMap((room) => room.messages.map((m) => [m.id, m.sender] as const)));
  return SEED_001_EXAMPLES.map((example) => {
    const where = WHERE[example.id];
    const sender = senders.get(example.id);
    if (where === undefined || sender === undefined) throw new Error(`seed 001 example ${example.id} has no room or sender`);
    return {
      data: {
        replyTo: example.replyTo,
        id: example.id,
        messageType: example.messageType,
        content: { ...structuredClone(example.content), user: { id: sender, isAgent: SEED_USERS[sender].isAgent } },
        ts: where.ts,
        deliverySuccess: true,
        deliveryErrorReason: '',
        messageSeen: null,
      },
      room: where.room,
    };
  });
}
