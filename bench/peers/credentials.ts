import { request } from 'undici';
import type { RunningTarget } from './targets.ts';

/**
 * A real login per load user on every target that has one (authscale's node and both peers), and
 * proof that it worked: the credential reads the user back from /api/me, and no credential is
 * refused. The floors take no credential.
 */
export interface Credentials {
  headers: Record<string, string>[];
  /** Users whose login was proven (0 for the floors). */
  loggedIn: number;
}

const cookieOf = (setCookie: string | string[] | undefined, name?: string): string | undefined => {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = cookies.find((cookie) => (name ? cookie.startsWith(`${name}=`) : true));
  return found?.split(';')[0];
};

async function login(target: RunningTarget, user: string): Promise<Record<string, string>> {
  const response = await request(`${target.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: `${user}-pw` }),
  });
  const body = (await response.body.json()) as { accessToken?: string };
  if (response.statusCode !== 200)
    throw new Error(`${target.spec.name}: login ${user} answered ${response.statusCode}`);
  if (target.spec.credential === 'bearer') return { authorization: `Bearer ${body.accessToken}` };
  // authscale names its cookie `sid`; the peers use their own default names.
  const cookie = cookieOf(
    response.headers['set-cookie'],
    target.spec.kind === 'authscale' ? 'sid' : undefined,
  );
  if (!cookie) throw new Error(`${target.spec.name}: login ${user} set no session cookie`);
  return { cookie };
}

async function me(
  target: RunningTarget,
  headers: Record<string, string>,
): Promise<{ status: number; user?: string }> {
  const response = await request(`${target.url}/api/me`, { headers });
  const body = (await response.body.json()) as { user?: string };
  return { status: response.statusCode, ...(body.user !== undefined && { user: body.user }) };
}

export async function logIn(target: RunningTarget, users: number): Promise<Credentials> {
  if (target.spec.credential === 'none') return { headers: [{}], loggedIn: 0 };
  const headers: Record<string, string>[] = [];
  for (let i = 0; i < users; i++) {
    const user = `user${String(i + 1).padStart(4, '0')}`;
    const credential = await login(target, user);
    const answer = await me(target, credential);
    if (answer.status !== 200 || answer.user !== user) {
      throw new Error(
        `${target.spec.name}: /api/me after login of ${user} answered ${answer.status} ${answer.user ?? ''}`,
      );
    }
    headers.push(credential);
  }
  const anonymous = await me(target, {});
  if (anonymous.status !== 401)
    throw new Error(`${target.spec.name}: /api/me without a credential answered ${anonymous.status}`);
  return { headers, loggedIn: headers.length };
}
