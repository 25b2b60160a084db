/**
 * Who sent each example of seed 001, and in which room: the seed's own user ids, kinds and rooms,
 * transcribed from `shared/seeds/001_d549b68ab33067d0.txt` (the fixture holds the messages).
 */

export const SEED_USERS = {
  'USER_gverde1@acd.enghouse.com': { kind: 'agent', isAgent: true, nickname: 'Gabriele Verde' },
  BOT_BOT1: { kind: 'bot', isAgent: true, nickname: 'Bot 1' },
  'USER_DEFAULT_9a0a411c-f9c7-4af7-9754-024bf157a3ef': { kind: 'customer', isAgent: false, nickname: 'Visitor' },
  '4149729381806003': { kind: 'customer', isAgent: false, nickname: 'Messenger customer' },
  '393403602702': { kind: 'customer', isAgent: false, nickname: 'WhatsApp customer 1' },
  '393403609169': { kind: 'customer', isAgent: false, nickname: 'WhatsApp customer 2' },
} as const;

export type SeedUserId = keyof typeof SEED_USERS;

export interface SeedRoom {
  /** The seed's room (`CHAT_DEFAULT_<this>`). */
  name: string;
  members: SeedUserId[];
  /** Messages the seed refers to but does not show (the message a REACTION targets). */
  before?: { sender: SeedUserId; message: { id: string; messageType: string; content: Record<string, unknown> } }[];
  /** The seed's examples in this room, in order, with their senders. */
  messages: { id: string; sender: SeedUserId }[];
}

const AGENT = 'USER_gverde1@acd.enghouse.com';
const BOT = 'BOT_BOT1';
const VISITOR = 'USER_DEFAULT_9a0a411c-f9c7-4af7-9754-024bf157a3ef';

export function seedRooms(): SeedRoom[] {
  return [
    {
      name: 'a098a0bc',
      members: [AGENT, VISITOR],
      messages: [
        { id: 'e857df30-76a4-4c6c-b4a5-4faed2ed6f45', sender: AGENT },
        { id: '03250778-0425-47c1-92c1-85d1840bef7c', sender: VISITOR },
        { id: '16daf4d4-a77f-406f-ab75-0475f510bc95', sender: AGENT },
        { id: '17909c52-1f26-402c-90cb-3106ba80bb3b', sender: AGENT },
      ],
    },
    {
      name: '06b6ace1',
      members: ['4149729381806003', AGENT],
      messages: [{ id: 'm_dXya7ckVUHyYxQHcQrrdgT2MVSImQFjQ7aCDxA_Mxf7AeR9GMI0vDs2dy2PKgTjE24tQrJImLWYnR5hgtpt7Uw', sender: '4149729381806003' }],
    },
    {
      name: '24ec70f1',
      members: ['4149729381806003', AGENT],
      messages: [{ id: 'm_JLR7O2EHIE6d3fiskFBiqz2MVSImQFjQ7aCDxA_Mxf6hm6TYUaJKXiEqfYgCX8WKxriZux06OzPB8XLZa8yNKA', sender: '4149729381806003' }],
    },
    {
      name: '84afbdd3',
      members: [BOT, VISITOR],
      messages: [
        { id: 'd77210fa-4aa2-4876-8fcc-8eaf43122987', sender: BOT },
        { id: 'fdaa821a-4355-4f3a-9507-1184c3285701', sender: VISITOR },
      ],
    },
    {
      name: 'e7473a4a',
      members: [BOT, '393403602702'],
      messages: [
        { id: '5bd5fcd0-ee5e-48c9-b825-c3e42b85cc45', sender: BOT },
        { id: 'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMUM2MjFFNDYxMjIwRTYyQkNGRUVEMEVGMDE5RUVEQTcA', sender: '393403602702' },
      ],
    },
    {
      name: 'df3b98ab',
      members: [BOT, VISITOR],
      messages: [
        { id: 'f3f3352c-7f50-43c6-9dd8-7db3fa44ce8c', sender: BOT },
        { id: '1601da67-ccf3-495e-b86b-3c51bae8789d', sender: VISITOR },
      ],
    },
    {
      name: 'c1201fe5',
      members: ['393403609169', AGENT],
      before: [
        {
          sender: AGENT,
          message: { id: '223908fd-93ce-432d-b3b2-0b4f90b70c74', messageType: 'TEXT', content: { text: 'Ciao! Come posso aiutarla?' } },
        },
      ],
      messages: [
        { id: 'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMTdBREMzMjJGRjJDRDU2RjY5NUVFMDM4RDBFQTBBQTQA', sender: '393403609169' },
        { id: 'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggMUMzQUREMEI1NzAzMDkyOTc1NTUwOUVBNERENkM0QTUA', sender: '393403609169' },
        { id: 'wamid.HBgMMzkzNDAzNjA5MTY5FQIAEhggNDIzQTgwNjQ5QzFCMkNFRDI1MzA5QTQzQjEyQzM3MTkA', sender: '393403609169' },
      ],
    },
    {
      name: 'd06723cf',
      members: [VISITOR, AGENT],
      messages: [
        { id: 'c6d3e132-4432-4208-943d-cc2b34ba3107', sender: VISITOR },
        { id: '715a2213-3123-4718-8266-a489bebc493b', sender: AGENT },
        { id: 'cfa53427-1ee7-4e8f-9848-e8e87523aec4', sender: AGENT },
        { id: '227130be-f490-4ef2-9923-9bb69ad6756c', sender: AGENT },
        { id: 'a8ffdf71-ad3e-4495-ba91-057442df88c0', sender: AGENT },
        { id: 'b88d3de0-23b8-41d1-95c3-1209dd4c8cff', sender: VISITOR },
      ],
    },
  ];
}
