/**
 * Node's module compile cache for the processes the launcher spawns. A demo starts some 45 of them
 * (nodes, balancers, load floors) from the same three bundles and the same node_modules files, and
 * each used to compile every module afresh. With NODE_COMPILE_CACHE set, a child loads the V8 code
 * cache an earlier one saved (the children save theirs once listening, lib/flush-compile-cache.ts,
 * because a node is usually killed rather than left to exit). See docs/scenarios.md, "Where the
 * time goes", for what it saves.
 *
 * A user's own setting wins and is handed on as it is: their NODE_COMPILE_CACHE (their folder) or
 * NODE_DISABLE_COMPILE_CACHE (no cache), also to children that inherit no environment (the floor).
 */
const USER_SETTINGS = ['NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'] as const;

/** The compile-cache variables a child gets: the user's own if set, else NODE_COMPILE_CACHE=`dir`. */
export function compileCacheEnv(
  dir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const own: Record<string, string> = {};
  for (const name of USER_SETTINGS) {
    const value = env[name];
    if (value !== undefined) own[name] = value;
  }
  if (Object.keys(own).length > 0) return own;
  return dir === undefined ? {} : { NODE_COMPILE_CACHE: dir };
}
