import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';

const ROOT = new URL('../../../../', import.meta.url);

describe('README.md documentation list', () => {
  it('links every page of docs/ from its "## Documentation" section', async () => {
    const readme = await readFile(new URL('README.md', ROOT), 'utf8');
    const start = readme.indexOf('## Documentation');
    assert.ok(start >= 0, 'README.md has a "## Documentation" section');
    const next = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, next < 0 ? undefined : next);
    const pages = (await readdir(new URL('docs/', ROOT))).filter((f) => f.endsWith('.md')).sort();
    assert.ok(pages.length > 0, 'docs/ has pages');
    const missing = pages.filter((page) => !section.includes(`](docs/${page})`));
    assert.deepEqual(missing, [], `docs pages not linked from README.md's documentation list: ${missing.join(', ')}`);
  });

  it('links only pages that exist', async () => {
    const readme = await readFile(new URL('README.md', ROOT), 'utf8');
    const pages = new Set(await readdir(new URL('docs/', ROOT)));
    const linked = [...readme.matchAll(/\]\(docs\/([^)#]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
    assert.ok(linked.length > 0);
    for (const page of linked) assert.ok(pages.has(page), `README.md links docs/${page}, which does not exist`);
  });
});
