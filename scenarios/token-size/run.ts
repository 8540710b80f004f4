import { createAgent, VirtualUser } from '../client/http.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { TokenSizeResult } from '../core/types.ts';

/**
 * token-size — the seed's size claim: what each mode puts on the wire with every request. Logs one
 * user in and measures the credential (`sid=…` cookie or `Authorization: Bearer …` value) and the
 * whole request head of `GET /api/me` as a browser-like client would send it, plus what the
 * credential alone costs per million requests. In jwt mode the decoded header and payload show
 * what travels inside (and that it is readable by anyone: signed, not encrypted).
 */
function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The request head a minimal client sends for GET /api/me with this credential header. */
export function requestHeadBytes(host: string, credentialHeader: string, credentialValue: string): number {
  const head = [
    'GET /api/me HTTP/1.1',
    `host: ${host}`,
    'accept: application/json',
    `${credentialHeader}: ${credentialValue}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.byteLength(head);
}

export async function run(ctx: ScenarioContext, _options: ScenarioOptions): Promise<TokenSizeResult> {
  const agent = createAgent(2);
  try {
    const user = new VirtualUser('alice', ctx.url, agent);
    const login = await user.login();
    if (login.status !== 200)
      throw new Error(`token-size: login failed with ${login.status} ${login.code ?? ''}`);
    const credential = user.credential(ctx.mode);
    if (!credential) throw new Error(`token-size: no credential after login in ${ctx.mode} mode`);
    const credentialBytes = Buffer.byteLength(credential.value);
    const result: TokenSizeResult = {
      credentialKind: credential.kind,
      credentialBytes,
      requestHeaderBytes: requestHeadBytes(new URL(ctx.url).host, credential.header, credential.value),
      // bytes × 1e6 requests / 1e6 bytes per MB: numerically the credential size, in MB.
      megabytesPerMillionRequests: credentialBytes,
    };
    if (credential.kind === 'bearer' && user.accessToken) {
      const [header, payload] = user.accessToken.split('.');
      result.decoded = { header: decodePart(header), payload: decodePart(payload) };
    }
    await user.logout();
    return result;
  } finally {
    await agent.close();
  }
}
