import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: tests leave the work tree as they found it. Before the run it notes what
 * `git status` shows (ignored files too) and the mtime of each listed file; after the run any new
 * or rewritten entry fails the run, named. Tests write into temporary folders (mkdtemp); the docs
 * screenshots come from `npm run screenshots`. Without git (an image without .git) it does nothing.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Snapshot = Map<string, string>;

function snapshot(): Snapshot | undefined {
  const status = spawnSync('git', ['status', '--porcelain=v1', '--ignored', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (status.status !== 0) return undefined;
  const entries = new Map<string, string>();
  for (const entry of status.stdout.split('\0').filter(Boolean)) {
    const path = entry.slice(3);
    let mtime = '';
    // Directories stand for everything ignored below them (node_modules/): only files are timed.
    if (!path.endsWith('/'))
      mtime = String(statSync(join(ROOT, path), { throwIfNoEntry: false })?.mtimeMs ?? '');
    entries.set(path, `${entry.slice(0, 2)} ${mtime}`);
  }
  return entries;
}

/** Entries that appeared or changed between two snapshots. */
export function changedEntries(before: Snapshot, after: Snapshot): string[] {
  return [...after].filter(([path, state]) => before.get(path) !== state).map(([path]) => path);
}

export default function setup(): (() => void) | undefined {
  const before = snapshot();
  if (!before) return undefined;
  return () => {
    const after = snapshot();
    if (!after) return;
    const changed = changedEntries(before, after);
    if (changed.length > 0) {
      // Vitest only logs an error thrown here; the exit code is what CI sees.
      process.exitCode = 1;
      process.stderr.write(
        `\nFAIL work-tree guard: the tests changed the work tree: ${changed.join(', ')}. Tests write into a ` +
          'temporary folder (mkdtemp); docs screenshots come from `npm run screenshots`. ' +
          '(Files edited by hand during the run count too.)\n',
      );
    }
  };
}
