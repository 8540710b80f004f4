import {
  algConfusionToken,
  algNoneToken,
  expiredToken,
  randomSessionId,
  signCookieValue,
  stripSignature,
  tamperCookieSignature,
  tamperPayload,
  unsignedCookieValue,
  wrongKeyToken,
  wrongTypeToken,
} from '../client/forge.ts';
import { createAgent, type Reply, send, VirtualUser } from '../client/http.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { AttackCase, AttackId, AttacksResult } from '../core/types.ts';

/**
 * attacks — "can't a signature just be stripped?" and friends. Forged tokens (jwt mode) or forged
 * session cookies (session modes) are sent to GET /api/me through the balancer; each must be
 * refused with a 401. The attacker owns a real account (bob) so the forgeries start from real
 * credentials, and tries to become alice. Cases that need the cluster's AUTH_SECRET (a correctly
 * signed but expired token, a correctly signed unknown session id) run only when it is known.
 */
const VICTIM = 'alice';

type Probe = {
  id: AttackId;
  name: string;
  headers?: Record<string, string>;
  check?: () => Promise<AttackCase>;
};

function outcome(probe: Probe, reply: Reply): AttackCase {
  return {
    id: probe.id,
    name: probe.name,
    status: reply.status,
    ...(reply.code !== undefined && { code: reply.code }),
    rejected: reply.status === 401,
    rejectedMeans: 'status-401',
  };
}

async function tokenProbes(ctx: ScenarioContext, attacker: VirtualUser): Promise<Probe[]> {
  const real = attacker.accessToken;
  if (!real) throw new Error('attacks: the attacker got no access token');
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const probes: Probe[] = [
    { id: 'alg-none', name: 'alg none', headers: bearer(algNoneToken(VICTIM)) },
    {
      id: 'signature-stripped',
      name: 'stripped signature',
      headers: bearer(stripSignature(tamperPayload(real, VICTIM))),
    },
    { id: 'payload-tampered', name: 'tampered payload', headers: bearer(tamperPayload(real, VICTIM)) },
    { id: 'wrong-key', name: 'wrong key', headers: bearer(await wrongKeyToken(VICTIM)) },
    { id: 'alg-confusion', name: 'alg RS256 confusion', headers: bearer(algConfusionToken(VICTIM)) },
    { id: 'garbage-token', name: 'garbage token', headers: bearer('not-a-jwt') },
    { id: 'oversized-token', name: 'oversized token', headers: bearer(`${real}${'A'.repeat(6000)}`) },
  ];
  const rt = attacker.jar.get('rt');
  if (rt)
    probes.push({
      id: 'refresh-as-access',
      name: 'refresh token as access token',
      headers: bearer(decodeURIComponent(rt)),
    });
  if (ctx.secret) {
    probes.push(
      {
        id: 'expired-token',
        name: 'expired (real key)',
        headers: bearer(await expiredToken(VICTIM, ctx.secret)),
      },
      {
        id: 'wrong-typ-aud',
        name: 'wrong typ/aud (real key)',
        headers: bearer(await wrongTypeToken(VICTIM, ctx.secret)),
      },
    );
  }
  return probes;
}

function cookieProbes(
  ctx: ScenarioContext,
  attacker: VirtualUser,
  agent: ReturnType<typeof createAgent>,
): Probe[] {
  const real = attacker.jar.get('sid');
  if (!real) throw new Error('attacks: the attacker got no session cookie');
  const sid = (value: string) => ({ cookie: `sid=${value}` });
  const probes: Probe[] = [
    { id: 'random-sid', name: 'random sid', headers: sid(randomSessionId()) },
    { id: 'unsigned-sid', name: 'unsigned sid', headers: sid(unsignedCookieValue(real)) },
    { id: 'sid-signature-tampered', name: 'tampered signature', headers: sid(tamperCookieSignature(real)) },
    {
      id: 'sid-wrong-key',
      name: 'forged sid (wrong key)',
      headers: sid(signCookieValue(randomSessionId(), 'x'.repeat(32))),
    },
    { id: 'empty-sid', name: 'empty sid', headers: sid('') },
  ];
  if (ctx.secret) {
    probes.push({
      id: 'signed-unknown-sid',
      name: 'signed unknown sid (real key)',
      headers: sid(signCookieValue(randomSessionId(), ctx.secret)),
    });
  }
  // Session fixation: a victim who logs in carrying an id the attacker planted must get a new one.
  probes.push({
    id: 'session-fixation',
    name: 'session fixation (planted id kept at login)',
    check: async () => {
      const victim = new VirtualUser(VICTIM, ctx.url, agent);
      victim.jar.set('sid', real);
      const login = await victim.login();
      const issued = victim.jar.get('sid');
      await victim.logout();
      // Not a 401 case: the login succeeds (200); "rejected" means the planted id was not adopted.
      return {
        id: 'session-fixation',
        name: 'session fixation (planted id kept at login)',
        status: login.status,
        ...(login.code !== undefined && { code: login.code }),
        rejected: login.status !== 200 || (issued !== undefined && issued !== real),
        rejectedMeans: 'id-not-adopted',
      };
    },
  });
  return probes;
}

export async function run(ctx: ScenarioContext, _options: ScenarioOptions): Promise<AttacksResult> {
  const agent = createAgent(4);
  try {
    const attacker = new VirtualUser('bob', ctx.url, agent);
    const login = await attacker.login();
    if (login.status !== 200)
      throw new Error(`attacks: login failed with ${login.status} ${login.code ?? ''}`);
    const probes = ctx.mode === 'jwt' ? await tokenProbes(ctx, attacker) : cookieProbes(ctx, attacker, agent);
    const cases: AttackCase[] = [];
    for (const probe of probes) {
      if (probe.check) {
        cases.push(await probe.check());
        continue;
      }
      // Every forgery goes to each node (round-robin) — a single accepting node would be a hole.
      const replies: Reply[] = [];
      for (let i = 0; i < Math.max(1, ctx.nodes); i++) {
        replies.push(await send(ctx.url, agent, { path: '/api/me', headers: probe.headers ?? {} }));
      }
      cases.push(outcome(probe, replies.find((reply) => reply.status !== 401) ?? replies[0]!));
    }
    await attacker.logout();
    return { tried: cases.length, rejected: cases.filter((c) => c.rejected).length, cases };
  } finally {
    await agent.close();
  }
}
