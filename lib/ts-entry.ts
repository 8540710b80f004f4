/**
 * How a child process runs one of our TypeScript entry files. Node ≥ 22.18 strips the types itself
 * (the sources use erasable syntax only: tsconfig's `erasableSyntaxOnly`), so `node file.ts` needs
 * no loader resolving every module through a hook thread. An older Node, or one started with
 * `--no-experimental-strip-types`, falls back to the tsx loader, a devDependency: only a checkout
 * runs the sources (the installed package runs its prebuilt dist/ bundles).
 */

/** True when this Node runs `.ts` files by itself. */
export function nodeStripsTypes(): boolean {
  const typescript = (process.features as { typescript?: string | false }).typescript;
  return typescript === 'strip' || typescript === 'transform';
}

/** The Node arguments (before the entry's own) that run `file` in a child of this process's Node. */
export function tsEntryArgs(file: string): string[] {
  return nodeStripsTypes() ? [file] : ['--import', 'tsx', file];
}
