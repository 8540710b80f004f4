import { type AuditContext, replicaName } from '../context.ts';
import { AuditError } from '../errors.ts';
import { fill } from '../profile/placeholders.ts';
import type { ProfileUser } from '../profile/schema.ts';
import { CookieJar, type StoredCookie } from './cookie-jar.ts';
import { type Answer, excerpt, send } from './exchange.ts';
import { hiddenFields } from './hidden-fields.ts';

/** What the user's browser or client holds after login: replaying it is using the session. */
export interface Credential {
  kind: 'cookie' | 'header';
  /** The request headers that carry it (`cookie: …` or the profile's header templates filled in). */
  headers: Record<string, string>;
  /** Cookies the login set (cookie kind), with their attributes. */
  cookies: StoredCookie[];
}

export interface PollResult {
  loggedIn: boolean;
  status: number;
  upstream?: string;
}

/** Answers from the balancer itself when no replica could take the request. */
const BALANCER_GAVE_UP = new Set([0, 502, 503, 504]);

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);

/** A 2xx whose body matches `loggedInRegex` (when set); a 3xx (to a login page), 401, 403 are logged out. */
export function isLoggedIn(context: AuditContext, answer: Answer): boolean {
  if (answer.status < 200 || answer.status >= 300) return false;
  const regex = context.profile.verification.loggedInRegex;
  return regex === undefined || new RegExp(regex).test(answer.body);
}

/** One profile user with its own cookie jar, like one browser. */
export class AuditUser {
  readonly jar = new CookieJar();
  private sessionHeaders: Record<string, string> = {};
  private loginCookies: StoredCookie[] = [];
  /** Cookies the last response set. */
  private lastStored: StoredCookie[] = [];
  /** The upstream (`host:port`) that answered the login. */
  loginUpstream: string | undefined;

  private readonly context: AuditContext;
  readonly user: ProfileUser;

  constructor(context: AuditContext, user: ProfileUser) {
    this.context = context;
    this.user = user;
  }

  private url(path: string, base = this.context.balancerUrl): URL {
    return new URL(path, base);
  }

  /** A request with this user's cookies and session headers; Set-Cookie goes back into the jar. */
  async request(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string; base?: string } = {},
  ): Promise<Answer> {
    const url = this.url(path, options.base);
    const cookie = this.jar.header(url);
    const answer = await send(this.context.agent, url, {
      method: options.method ?? 'GET',
      headers: { ...this.sessionHeaders, ...(cookie && { cookie }), ...options.headers },
      ...(options.body !== undefined && { body: options.body }),
    });
    this.lastStored = this.jar.store(answer.headers['set-cookie'], url);
    return answer;
  }

  /** Logs in as the profile says; throws a login-failed AuditError with the status and a body excerpt. */
  async login(): Promise<void> {
    const auth = this.context.profile.authentication;
    const hidden = auth.loginPageUrl ? await this.fetchLoginPage(auth.loginPageUrl) : {};
    const { username, password } = this.user.credentials;
    const form = auth.method === 'form';
    let body = fill(auth.loginRequestBody, { username, password }, form ? encodeURIComponent : jsonEscape);
    body = form ? withFormFields(body, hidden) : withJsonFields(body, hidden);
    const contentType = form ? 'application/x-www-form-urlencoded' : 'application/json';
    const post = () =>
      this.request(auth.loginRequestUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
    let answer = await post();
    // The balancer's own 502/503/504 (a replica that just died; a POST is never retried for us)
    // is not the app refusing the login: try twice more, as a user would.
    for (let retry = 0; retry < 2 && BALANCER_GAVE_UP.has(answer.status); retry++) {
      await new Promise((done) => setTimeout(done, 250));
      answer = await post();
    }
    if (answer.status === 0 || answer.status >= 400)
      throw this.failed(answer, `POST ${auth.loginRequestUrl}`);
    this.loginUpstream = answer.upstream;
    // The session cookies are those the login answer set (a login page's CSRF cookie is not one),
    // or every cookie held when the login set none (the app elevated the existing session).
    const own = (cookies: StoredCookie[]) =>
      cookies.filter((c) => !this.context.balancerCookies.includes(c.name));
    this.loginCookies = own(this.lastStored).length > 0 ? own(this.lastStored) : own(this.jar.all());
    this.sessionHeaders = this.headersFrom(answer);
    // Verify on the replica that answered the login: under per-replica state another one would not know it.
    const homeName = replicaName(this.context, answer.upstream);
    const home = this.context.replicas.find((replica) => replica.name === homeName);
    const poll = await this.poll(home?.url);
    if (!poll.loggedIn) throw this.failed(answer, `POST ${auth.loginRequestUrl}`, poll.status);
  }

  private async fetchLoginPage(path: string): Promise<Record<string, string>> {
    const page = await this.request(path);
    if (page.status === 0 || page.status >= 400) throw this.failed(page, `GET ${path}`);
    return hiddenFields(page.body);
  }

  private headersFrom(answer: Answer): Record<string, string> {
    const templates = this.context.profile.sessionManagement.headers;
    if (this.context.profile.sessionManagement.method !== 'headers' || !templates) return {};
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      json = undefined;
    }
    try {
      return Object.fromEntries(
        Object.entries(templates).map(([name, template]) => [
          name.toLowerCase(),
          fill(template, { json, headers: answer.headers }),
        ]),
      );
    } catch (error) {
      throw this.failed(
        answer,
        `POST ${this.context.profile.authentication.loginRequestUrl}`,
        undefined,
        (error as Error).message,
      );
    }
  }

  private failed(answer: Answer, request: string, pollStatus?: number, reason?: string): AuditError {
    const params = {
      user: this.user.name,
      request,
      status: answer.status === 0 ? `no answer (${answer.error})` : String(answer.status),
      excerpt: excerpt(answer.body),
      poll: this.context.profile.verification.pollUrl,
      pollStatus: pollStatus ?? 0,
      reason: reason ?? '',
    };
    const key =
      reason !== undefined
        ? 'audit.error.login-placeholder'
        : pollStatus !== undefined
          ? 'audit.error.login-unverified'
          : 'audit.error.login';
    return new AuditError('login-failed', { key, params });
  }

  /** The protected request (through the balancer, or to one replica's origin). */
  async poll(base?: string): Promise<PollResult> {
    const answer = await this.request(this.context.profile.verification.pollUrl, base ? { base } : {});
    return {
      loggedIn: isLoggedIn(this.context, answer),
      status: answer.status,
      ...(answer.upstream && { upstream: answer.upstream }),
    };
  }

  async logout(): Promise<Answer | undefined> {
    const logout = this.context.profile.logout;
    if (!logout) return undefined;
    return this.request(logout.url, { method: logout.method });
  }

  /** A copy of what the client sends as its credential now (what a thief would copy). */
  credential(): Credential {
    if (this.context.profile.sessionManagement.method === 'headers') {
      return { kind: 'header', headers: { ...this.sessionHeaders }, cookies: [] };
    }
    const url = this.url(this.context.profile.verification.pollUrl);
    const sent = this.jar.matching(url).filter((c) => !this.context.balancerCookies.includes(c.name));
    const names = new Set(this.loginCookies.map((c) => c.name));
    const session = sent.filter((c) => names.has(c.name));
    const cookie = sent.map((c) => `${c.name}=${c.value}`).join('; ');
    return {
      kind: 'cookie',
      headers: cookie ? { cookie } : {},
      cookies: session.length > 0 ? session : sent,
    };
  }
}

/** Adds the login page's hidden fields the body does not already carry (URL-encoded). */
function withFormFields(body: string, hidden: Record<string, string>): string {
  const present = new Set(body.split('&').map((pair) => decodeURIComponent(pair.split('=')[0] ?? '')));
  const extra = Object.entries(hidden)
    .filter(([name]) => !present.has(name))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return [body, ...extra].filter((part) => part !== '').join('&');
}

function withJsonFields(body: string, hidden: Record<string, string>): string {
  if (Object.keys(hidden).length === 0) return body;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
    return JSON.stringify({ ...hidden, ...parsed });
  } catch {
    return body;
  }
}

/** Replays a copied credential (and nothing else) to `base`; true when the app treats it as logged in. */
export async function replay(
  context: AuditContext,
  credential: Credential,
  base: string,
): Promise<PollResult> {
  const url = new URL(context.profile.verification.pollUrl, base);
  const answer = await send(context.agent, url, { headers: credential.headers });
  return {
    loggedIn: isLoggedIn(context, answer),
    status: answer.status,
    ...(answer.upstream && { upstream: answer.upstream }),
  };
}
