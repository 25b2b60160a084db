import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ParleyError } from '@parley/protocol';
import type { Config } from '../../config/index.js';
import { exportChat } from '../../domain/messages/export.js';
import { cliAdmin, withNode } from '../context.js';

/** `parley chat export <chatId>`: the chat as a JSON array of seed 001 objects, to stdout or a file. */
export async function chatExport(config: Config, chatId: string, out: string | undefined): Promise<void> {
  await withNode(config, async (node) => {
    const chat = await node.services.store.getChat(chatId);
    if (!chat) throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found`);
    const tenant = await node.services.tenants.get(chat.tenantId);
    const target: Writable = out ? createWriteStream(out) : process.stdout;
    const write = async (text: string) => {
      if (!target.write(text)) await once(target, 'drain');
    };
    let separator = '';
    await write('[');
    for await (const message of exportChat(node.services, cliAdmin(tenant), chatId)) {
      await write(`${separator}\n${JSON.stringify(message)}`);
      separator = ',';
    }
    await write('\n]\n');
    if (out) {
      target.end();
      await once(target, 'finish');
    }
  });
}
