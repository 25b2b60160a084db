#!/usr/bin/python3
"""A FUSE file system that loses what was not fsync'd at a power cut, as a disk does.

    /usr/bin/python3 power-cut-fs.py <backing folder> <mount point>

The backing folder plays the disk: it holds what the application made durable. Everything else
lives in this process's memory. The power cut is `cut <p>` on stdin (sent at the moment the server
is SIGKILLed); mounting again on the same backing folder is the reboot:

- `cut 0`: every write not fsync'd is lost (LazyFS's "clear-cache"). SIGKILL of this process too.
- `cut <p>`, p > 0: a random part of the unsynced writes had reached the disk first (a prefix of the
  name journal, each unsynced 4 KiB page with probability p, in no order). A real disk may persist
  any part of what it was given; the application's recovery (SQLite's WAL checksums) must cope
  with that torn tail.

Either way the process prints `cut pages=<written>/<unsynced> names=<committed>/<pending>` and
ends as if killed.

The design follows LazyFS (a FUSE file system with its own page cache that only flushes on fsync),
written small, in Python, with Debian's python3-fusepy:

- File data: writes and truncations go to a per-file page cache here; fsync / fdatasync of the file
  writes its dirty pages and its size to the backing file. Reads see the cache over the backing file.
- Names: creations, unlinks, renames and mkdirs change the visible tree at once but go to a journal;
  fsync of a directory commits the whole journal to the backing folder, in order (a journaling file
  system commits all of its metadata at once). fsync of a file does not make its name durable: that
  is POSIX's rule, and SQLite follows it (it fsyncs the folder after creating a -wal or -journal).
  A file fsync'd before its name is committed keeps its data under .power-cut-orphans/ (an inode
  with no name); mounting deletes that folder, as fsck would.
- mmap works: the mount has no direct_io, so the kernel's page cache backs mappings and writes
  dirty mapped pages back to us as ordinary writes. SQLite needs that for the WAL index (-shm, a
  shared mapping; without mmap it would need locking_mode=EXCLUSIVE, a setting production does not
  use). SQLite never fsyncs -shm and rebuilds it from the WAL after a crash, so losing it is fine.
- Locks: no lock handler, so the kernel keeps POSIX locks itself (one machine, which is all SQLite
  needs here).
- Unmounting (SIGTERM, or the parent's stdin closing) also drops unsynced data.
- Operations run one at a time (-s, and a lock the stdin thread shares), so a cut never sees half
  of one.

The mount prints "ready" once the kernel has finished its handshake.
"""
import errno
import os
import random
import shutil
import stat
import subprocess
import sys
import threading
import time

from fusepy import FUSE, FuseOSError, Operations

PAGE = 4096
ORPHANS = '.power-cut-orphans'


class Node:
    """A file (an inode): its unsynced pages and size here, its durable bytes in `fd` (or nowhere yet)."""

    def __init__(self, ino, size=0, store=None, mode=0o644):
        self.ino = ino
        self.size = size
        self.mode = mode
        self.mtime = time.time_ns()
        self.pages = {}  # page index -> bytearray(PAGE): written, not yet fsync'd
        self.zero_from = None  # truncated below the durable size: durable bytes past this read as zeros
        self.store = store  # backing path of the durable bytes (None: never fsync'd, no durable name)
        self.fd = os.open(store, os.O_RDWR) if store else None


class PowerCutFs(Operations):
    use_ns = True

    def __init__(self, backing):
        self.backing = os.path.realpath(backing)
        self.inos = 0
        self.handles = {}  # fh -> Node (an unlinked file stays readable through its open handles)
        self.files = {}  # visible path -> Node
        self.dirs = {'/'}
        self.journal = []  # namespace changes not yet durable, in order
        self.mutex = threading.Lock()  # not `lock`: fusepy would take that for the lock operation
        # fsck: inodes without a name from the previous boot are gone.
        shutil.rmtree(self.disk(ORPHANS), ignore_errors=True)
        os.makedirs(self.disk(ORPHANS))
        for root, dirnames, filenames in os.walk(self.backing):
            rel = '/' if root == self.backing else '/' + os.path.relpath(root, self.backing)
            if rel == '/' + ORPHANS:
                dirnames.clear()
                continue
            dirnames[:] = [d for d in dirnames if not (rel == '/' and d == ORPHANS)]
            for d in dirnames:
                self.dirs.add(os.path.join(rel, d))
            for f in filenames:
                path = os.path.join(rel, f)
                self.files[path] = self.node(size=os.path.getsize(self.disk(path)), store=self.disk(path))

    def disk(self, path):
        return os.path.join(self.backing, path.lstrip('/'))

    def node(self, **kw):
        self.inos += 1
        return Node(self.inos, **kw)

    def init(self, path):
        print('ready', flush=True)

    # --- data: the page cache -------------------------------------------------------------------

    def page(self, node, idx):
        """A page as the application sees it: cached, else durable (zeros past a truncation)."""
        if idx in node.pages:
            return node.pages[idx]
        data = os.pread(node.fd, PAGE, idx * PAGE) if node.fd is not None else b''
        if node.zero_from is not None:
            data = data[: max(0, node.zero_from - idx * PAGE)]
        return bytearray(data.ljust(PAGE, b'\0'))

    def read(self, path, size, offset, fh):
        node = self.handles[fh]
        end = min(offset + size, node.size)
        out = bytearray()
        pos = offset
        while pos < end:
            idx, start = divmod(pos, PAGE)
            n = min(PAGE - start, end - pos)
            out += self.page(node, idx)[start : start + n]
            pos += n
        return bytes(out)

    def write(self, path, data, offset, fh):
        node = self.handles[fh]
        done = 0
        while done < len(data):
            idx, start = divmod(offset + done, PAGE)
            n = min(PAGE - start, len(data) - done)
            page = node.pages[idx] = self.page(node, idx)
            page[start : start + n] = data[done : done + n]
            done += n
        node.size = max(node.size, offset + len(data))
        node.mtime = time.time_ns()
        return len(data)

    def truncate(self, path, length, fh=None):
        node = self.handles[fh] if fh is not None else self.lookup(path)
        if length < node.size:
            for idx in [i for i in node.pages if i * PAGE >= length]:
                del node.pages[idx]
            idx, start = divmod(length, PAGE)
            if start:
                page = node.pages[idx] = self.page(node, idx)
                page[start:] = bytes(PAGE - start)
            node.zero_from = length if node.zero_from is None else min(node.zero_from, length)
        node.size = length
        node.mtime = time.time_ns()

    def fsync(self, path, datasync, fh):
        """Makes the file's data and size durable (not its name: see fsyncdir)."""
        node = self.handles[fh]
        if node.fd is None:
            node.store = self.disk(f'{ORPHANS}/{node.ino}')
            node.fd = os.open(node.store, os.O_RDWR | os.O_CREAT, 0o644)
        if node.zero_from is not None:
            os.ftruncate(node.fd, node.zero_from)
        for idx in sorted(node.pages):
            n = min(PAGE, node.size - idx * PAGE)
            if n > 0:
                os.pwrite(node.fd, node.pages[idx][:n], idx * PAGE)
        os.ftruncate(node.fd, node.size)
        node.pages.clear()
        node.zero_from = None
        # No fsync of the backing file: the backing folder is never power-cut, only this process is.

    # --- names: the journal ---------------------------------------------------------------------

    def lookup(self, path):
        if path not in self.files:
            raise FuseOSError(errno.ENOENT)
        return self.files[path]

    def parent_exists(self, path):
        if os.path.dirname(path) not in self.dirs:
            raise FuseOSError(errno.ENOENT)
        if path in self.files or path in self.dirs:
            raise FuseOSError(errno.EEXIST)

    def create(self, path, mode, fi=None):
        self.parent_exists(path)
        node = self.files[path] = self.node(mode=stat.S_IMODE(mode))
        self.journal.append(('create', path, node))
        return self.open(path, 0)

    def mkdir(self, path, mode):
        self.parent_exists(path)
        self.dirs.add(path)
        self.journal.append(('mkdir', path))

    def unlink(self, path):
        node = self.lookup(path)
        del self.files[path]
        self.journal.append(('unlink', path, node))

    def rmdir(self, path):
        if path not in self.dirs:
            raise FuseOSError(errno.ENOENT)
        if any(os.path.dirname(p) == path for p in [*self.files, *self.dirs]):
            raise FuseOSError(errno.ENOTEMPTY)
        self.dirs.remove(path)
        self.journal.append(('rmdir', path))

    def rename(self, old, new):
        if old in self.dirs:
            raise FuseOSError(errno.ENOTSUP)  # nothing under test renames a folder
        node = self.lookup(old)
        if os.path.dirname(new) not in self.dirs or new in self.dirs:
            raise FuseOSError(errno.ENOENT if os.path.dirname(new) not in self.dirs else errno.EISDIR)
        replaced = self.files.get(new)
        self.files[new] = self.files.pop(old)
        self.journal.append(('rename', old, new, node, replaced))

    def orphan(self, node):
        """The durable bytes of a file losing its durable name: kept (it may be open), nameless."""
        if node.store and not node.store.startswith(self.disk(ORPHANS)):
            node.store, old = self.disk(f'{ORPHANS}/{node.ino}'), node.store
            os.rename(old, node.store)

    def fsyncdir(self, path, datasync, fh):
        """Commits every namespace change so far to the backing folder, in order."""
        self.commit(len(self.journal))

    def commit(self, count):
        """Applies the first `count` namespace changes of the journal to the backing folder."""
        for op, *args in self.journal[:count]:
            if op == 'mkdir':
                os.makedirs(self.disk(args[0]), exist_ok=True)
            elif op == 'rmdir':
                os.rmdir(self.disk(args[0]))
            elif op == 'create':
                path, node = args
                if node.store is None:
                    node.store = self.disk(path)
                    node.fd = os.open(node.store, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
                else:
                    os.rename(node.store, self.disk(path))
                    node.store = self.disk(path)
            elif op == 'unlink':
                self.orphan(args[1])
            elif op == 'rename':
                old, new, node, replaced = args
                if replaced:
                    self.orphan(replaced)
                if node.store:
                    os.rename(node.store, self.disk(new))
                    node.store = self.disk(new)
        del self.journal[:count]

    # --- the cut ----------------------------------------------------------------------------------

    def cut(self, p):
        """The power cut. Some unsynced writes may have reached the disk first (p > 0): a random
        prefix of the journal (a journal commits in order) and each unsynced page with probability
        p, in no order (whole 4 KiB pages: the sector the disk writes at once). The rest is lost."""
        rng = random.Random()
        pending = len(self.journal)
        committed = rng.randint(0, pending) if p > 0 else 0
        self.commit(committed)
        written = unsynced = 0
        for node in {id(n): n for n in [*self.files.values(), *self.handles.values()]}.values():
            unsynced += len(node.pages)
            if node.fd is None:
                continue  # no durable name: its bytes would be an orphan, deleted at the next mount
            for idx, page in node.pages.items():
                n = min(PAGE, node.size - idx * PAGE)
                if n > 0 and rng.random() < p:
                    os.pwrite(node.fd, page[:n], idx * PAGE)
                    written += 1
        print(f'cut pages={written}/{unsynced} names={committed}/{pending}', flush=True)
        os._exit(0)

    def __call__(self, op, *args):
        # The cut comes from the stdin thread: no operation may be half done when it looks.
        with self.mutex:
            return super().__call__(op, *args)

    # --- the rest: handles, attributes, listings ------------------------------------------------

    def open(self, path, flags):
        self.inos += 1
        self.handles[self.inos] = self.lookup(path)
        return self.inos

    def release(self, path, fh):
        self.handles.pop(fh, None)

    def getattr(self, path, fh=None):
        if path in self.dirs and fh not in self.handles:
            return {'st_mode': stat.S_IFDIR | 0o755, 'st_nlink': 2, 'st_size': 4096}
        node = self.handles[fh] if fh is not None else self.lookup(path)
        return {
            'st_mode': stat.S_IFREG | node.mode,
            'st_nlink': 1,
            'st_size': node.size,
            'st_blocks': (node.size + 511) // 512,
            'st_mtime': node.mtime,
            'st_ctime': node.mtime,
            'st_atime': node.mtime,
            'st_ino': node.ino,
        }

    def readdir(self, path, fh):
        names = [os.path.basename(p) for p in [*self.files, *self.dirs] if p != '/' and os.path.dirname(p) == path]
        return ['.', '..', *names]

    def chmod(self, path, mode):
        if path in self.files:
            self.files[path].mode = stat.S_IMODE(mode)

    def chown(self, path, uid, gid):
        pass

    def utimens(self, path, times=None):
        pass

    def statfs(self, path):
        s = os.statvfs(self.backing)
        return {k: getattr(s, k) for k in ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}


def watch_parent(fs, mountpoint):
    """Commands on stdin: `cut <p>` (see PowerCutFs.cut). When the test dies without unmounting
    (stdin closes), unmount ourselves and exit."""
    for line in sys.stdin:
        if line.startswith('cut '):
            with fs.mutex:
                fs.cut(float(line.split()[1]))
    subprocess.run(['umount', '-l', mountpoint], check=False)
    os._exit(0)


if __name__ == '__main__':
    backing, mountpoint = sys.argv[1], sys.argv[2]
    fs = PowerCutFs(backing)
    mode = os.fstat(0).st_mode
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):  # Node's stdio pipes are socket pairs
        threading.Thread(target=watch_parent, args=(fs, mountpoint), daemon=True).start()
    # Single-threaded (-s): every operation sees a consistent cache. No direct_io: mmap must work.
    FUSE(fs, mountpoint, foreground=True, nothreads=True, fsname='power-cut-fs')
