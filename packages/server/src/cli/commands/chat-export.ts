import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Config } from '../../config/index.js';
import { cliAdmin, withNode } from '../context.js';

/** `parley chat export <chatId>`: the chat as a JSON array of seed 001 objects, to stdout or a file. */
export async function chatExport(config: Config, chatId: string, out: string | undefined): Promise<void> {
  await withNode(config, async (node) => {
    const chat = await node.services.chats.byId(chatId);
    const tenant = await node.services.tenants.get(chat.tenantId);
    const target: Writable = out ? createWriteStream(out) : process.stdout;
    const write = async (text: string) => {
      if (!target.write(text)) await once(target, 'drain');
    };
    let separator = '';
    await write('[');
    for await (const message of node.services.messages.export(cliAdmin(tenant), chatId)) {
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
