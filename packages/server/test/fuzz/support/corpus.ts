import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed corpus, one folder per target; `regressions/<target>` keeps every finding's input. */
export const CORPUS_DIR = fileURLToPath(new URL('../corpus/', import.meta.url));
export const TARGETS = ['ws-frame', 'message-content', 'form-response', 'rest-request'] as const;
export type TargetName = (typeof TARGETS)[number];

/** Every committed input of a target: its corpus and its regressions. */
export function corpusOf(target: TargetName): { name: string; bytes: Buffer }[] {
  return [join(CORPUS_DIR, target), join(CORPUS_DIR, 'regressions', target)].flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.filter((n) => !n.startsWith('.')).map((name) => ({ name: join(dir, name), bytes: readFileSync(join(dir, name)) }));
  });
}
