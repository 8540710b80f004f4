import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Can this process create files in `dir` (or create `dir` itself)? Checked before a long run so a
 * permission problem shows up at once instead of after the whole suite. Nothing is created: the
 * nearest existing ancestor must be writable and searchable for the real uid/gid.
 */
export function writableDirProblem(dir: string): string | undefined {
  let at = resolve(dir);
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
    return at === resolve(dir) ? code : `${code} on ${at}`;
  }
}
