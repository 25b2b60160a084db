// Jazzer.js 4.0.0 ships its libFuzzer addon built against glibc 2.38 and libstdc++ 13 (GLIBC_2.38 for
// the C23 `__isoc23_strtol`/`__isoc23_strtoul`, GLIBCXX_3.4.32 for `std::ios_base_library_init`, a
// symbol only referenced to pull in the newer libstdc++). Debian 12 (this machine, the Docker base) has
// glibc 2.36 and libstdc++ 12, so the addon does not load. This writes a copy whose ELF tables ask for
// the classic `strtol`/`strtoul` (same behaviour but for C23's `0b` prefixes, which libFuzzer's flag
// parsing never sees) and for versions the system has; nothing else in the binary changes.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const SHT_DYNSYM = 11;
const SHT_GNU_VERNEED = 0x6ffffffe;
const RENAMES = { __isoc23_strtol: 'strtol', __isoc23_strtoul: 'strtoul' };
const VERSIONS = { 'GLIBC_2.38': 'GLIBC_2.2.5', 'GLIBCXX_3.4.32': 'GLIBCXX_3.4.30' };

/** Patches the ELF image in place; returns what it changed. */
export function patchElf(b) {
  const changes = [];
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a);
  const sections = Array.from({ length: b.readUInt16LE(0x3c) }, (_, i) => {
    const o = shoff + i * shentsize;
    return { type: b.readUInt32LE(o + 4), offset: Number(b.readBigUInt64LE(o + 0x18)), size: Number(b.readBigUInt64LE(o + 0x20)), link: b.readUInt32LE(o + 0x28), info: b.readUInt32LE(o + 0x2c) };
  });
  const dynsym = sections.find((s) => s.type === SHT_DYNSYM);
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  const strtab = sections[dynsym.link].offset;
  const str = (off) => b.toString('latin1', strtab + off, b.indexOf(0, strtab + off));
  for (let o = dynsym.offset; o < dynsym.offset + dynsym.size; o += 24) {
    const name = str(b.readUInt32LE(o));
    const to = RENAMES[name];
    // The classic name is the tail of the C23 one in the string table: point the symbol at it.
    if (to && name.endsWith(to)) {
      b.writeUInt32LE(b.readUInt32LE(o) + name.length - to.length, o);
      changes.push(`${name} → ${to}`);
    }
  }
  let o = verneed.offset;
  for (let n = 0; n < verneed.info; n++) {
    const auxes = [];
    let a = o + b.readUInt32LE(o + 8);
    for (let k = 0; k < b.readUInt16LE(o + 2); k++) {
      auxes.push({ at: a, name: str(b.readUInt32LE(a + 8)) });
      a += b.readUInt32LE(a + 12);
    }
    for (const [from, to] of Object.entries(VERSIONS)) {
      const f = auxes.find((x) => x.name === from);
      const t = auxes.find((x) => x.name === to);
      if (!f || !t) continue;
      b.writeUInt32LE(b.readUInt32LE(t.at), f.at); // vna_hash
      b.writeUInt32LE(b.readUInt32LE(t.at + 8), f.at + 8); // vna_name
      changes.push(`${from} → ${to}`);
    }
    o += b.readUInt32LE(o + 12);
  }
  return changes;
}

/** glibc older than 2.38 on Linux x64: the path of a loadable copy of the addon (made once), else undefined. */
export function compatAddon(cacheDir) {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const glibc = process.report.getReport().header.glibcVersionRuntime;
  if (!glibc || compareVersions(glibc, '2.38') >= 0) return undefined;
  const require = createRequire(import.meta.url);
  const original = join(dirname(require.resolve('@jazzer.js/fuzzer/package.json', { paths: [process.cwd(), join(process.cwd(), 'packages/server')] })), 'prebuilds', 'fuzzer-linux-x64.node');
  const bytes = readFileSync(original);
  // Named after the original's hash: another Jazzer.js version gets its own copy.
  const copy = join(cacheDir, `fuzzer-linux-x64-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.node`);
  if (!existsSync(copy)) {
    const changes = patchElf(bytes);
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(copy, bytes);
    console.log(`jazzer.js addon for glibc ${glibc}: ${changes.join(', ')} (${copy})`);
  }
  return copy;
}

function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
