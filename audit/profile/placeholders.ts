/**
 * Placeholders in profile strings, as ZAP writes them: `{%username%}`, `{%password%}`,
 * `{%json:a.b%}` (a field of the login response body), `{%header:name%}` (a login response
 * header) and `{%env:NAME%}` (a secret kept out of the file; resolved once at load time).
 */
const PLACEHOLDER = /\{%([a-z]+)(?::([^%]*))?%\}/g;
const KINDS = new Set(['username', 'password', 'json', 'header', 'env']);

export interface FillContext {
  username?: string;
  password?: string;
  /** The login response body, parsed as JSON when it was JSON. */
  json?: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

/** Placeholders that are not one of the five kinds (or lack their argument), for the profile check. */
export function unknownPlaceholders(text: string): string[] {
  const bad: string[] = [];
  for (const [whole, kind, argument] of text.matchAll(PLACEHOLDER)) {
    const needsArgument = kind === 'json' || kind === 'header' || kind === 'env';
    if (!KINDS.has(kind ?? '') || needsArgument !== (argument !== undefined && argument !== ''))
      bad.push(whole);
  }
  return bad;
}

/** Names of the `{%env:NAME%}` placeholders in `text`. */
export function envNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => m[1] === 'env').map((m) => m[2] ?? '');
}

export function fillEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(PLACEHOLDER, (whole, kind: string, name?: string) =>
    kind === 'env' ? (env[name ?? ''] ?? whole) : whole,
  );
}

/** `a.b.0.c` into a parsed JSON value; undefined when any step is missing. */
export function jsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * Fills the per-login placeholders. `encode` escapes each inserted value for where it goes (JSON
 * string, form field); a placeholder whose value is missing throws, naming it.
 */
export function fill(
  text: string,
  context: FillContext,
  encode: (value: string) => string = (v) => v,
): string {
  return text.replace(PLACEHOLDER, (whole, kind: string, argument?: string) => {
    const value = placeholderValue(kind, argument ?? '', context);
    if (value === undefined) throw new Error(`${whole} has no value in the login response`);
    return kind === 'env' ? value : encode(value);
  });
}

function placeholderValue(kind: string, argument: string, context: FillContext): string | undefined {
  switch (kind) {
    case 'username':
      return context.username;
    case 'password':
      return context.password;
    case 'json': {
      const value = jsonPath(context.json, argument);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    }
    case 'header': {
      const value = context.headers?.[argument.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    }
    default:
      return undefined;
  }
}
