import type { Credential } from '../client/user.ts';
import { replay } from '../client/user.ts';
import type { AuditContext } from '../context.ts';
import type { ForgeryResult } from '../types.ts';
import { jwtIn } from './decode.ts';
import { flipped, jwtForgeries, truncated } from './forge-jwt.ts';
import { loggedInUsers } from './sessions.ts';

/** The credential with one value replaced (a cookie's value, or a token inside a header). */
function substitute(credential: Credential, where: { name: string; from: string }, to: string): Credential {
  const headers = { ...credential.headers };
  if (credential.kind === 'cookie') {
    headers.cookie = (headers.cookie ?? '')
      .split('; ')
      .map((pair) => (pair.startsWith(`${where.name}=`) ? `${where.name}=${to}` : pair))
      .join('; ');
  } else {
    headers[where.name] = (headers[where.name] ?? '').replace(where.from, to);
  }
  return { ...credential, headers };
}

/** The value forgeries work on: a JWT if there is one, else the longest cookie or header value. */
function targetValue(credential: Credential): { name: string; from: string } | undefined {
  const values =
    credential.kind === 'cookie'
      ? credential.cookies.map((c) => ({ name: c.name, from: c.value }))
      : Object.entries(credential.headers).map(([name, value]) => ({
          name,
          from: value.replace(/^Bearer\s+/i, ''),
        }));
  const jwt = values.find((v) => jwtIn(v.from));
  return jwt ?? [...values].sort((a, b) => b.from.length - a.from.length)[0];
}

async function attempt(
  context: AuditContext,
  id: string,
  name: string,
  forged: Credential,
): Promise<ForgeryResult> {
  let status: number | null = null;
  let accepted = false;
  for (const replica of context.replicas) {
    const result = await replay(context, forged, replica.url);
    if (!accepted) status = result.status;
    accepted ||= result.loggedIn;
  }
  return { id, name, tries: context.replicas.length, accepted, status };
}

/**
 * Forgeries that fit the credential the app issued, each sent to every replica: the JWT ones when
 * the credential is (or carries) a JWT, and a changed or cut value for cookies and opaque tokens.
 * An accepted forgery is a finding.
 */
export async function measureForgeries(context: AuditContext): Promise<ForgeryResult[]> {
  const [user] = await loggedInUsers(context, 1);
  const credential = user!.credential();
  const target = targetValue(credential);
  if (!target) return [];
  const results: ForgeryResult[] = [];
  const token = jwtIn(target.from);
  if (token) {
    const others = context.profile.users
      .map((u) => u.credentials.username)
      .filter((u) => u !== user!.user.credentials.username);
    for (const forgery of await jwtForgeries(token, others[0], context.appSecrets)) {
      if (!forgery.token) {
        results.push({
          id: forgery.id,
          name: forgery.name,
          tries: 0,
          accepted: false,
          status: null,
          skipped: forgery.skipped!,
        });
        continue;
      }
      const forged = substitute(credential, { name: target.name, from: token }, forgery.token);
      results.push(await attempt(context, forgery.id, forgery.name, forged));
    }
  }
  const prefix = credential.kind === 'cookie' ? 'cookie' : 'token';
  const changed = substitute(credential, target, flipped(target.from));
  results.push(
    await attempt(context, `${prefix}-flipped`, 'one character of the signature changed', changed),
  );
  const cut = substitute(credential, target, truncated(target.from));
  results.push(await attempt(context, `${prefix}-truncated`, 'last 4 characters cut off', cut));
  return results;
}
