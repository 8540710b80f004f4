import type { ScenarioName } from '../types.ts';

/**
 * What each scenario demonstrates: the seed note's claim (quoted from
 * ../shared/seed/session-vs-token.en.md) and a plain-language paragraph a teacher can read out.
 */
export interface ScenarioClaim {
  title: string;
  /** The seed section the claim comes from. */
  section: string;
  /** A direct quote from the seed note. */
  quote: string;
  /** One paragraph for a class: what the numbers mean. */
  explanation: string;
}

export const CLAIMS: Record<ScenarioName, ScenarioClaim> = {
  relogin: {
    title: 'Re-login failures behind a load balancer',
    section: 'Difference 3 — scalability',
    quote:
      'In a distributed / clustered setup each request may reach a different server, and a server that does not hold the session makes the user log in again, again and again.',
    explanation:
      'Each virtual user logs in once and then keeps making requests. With in-memory sessions and a round-robin balancer, a request only succeeds when it lands on the node that created the session, so with N nodes about (N-1)/N of the requests fail. Sticky sessions, a shared Redis store or stateless JWTs all bring the failure rate to zero — each in its own way and at its own cost.',
  },
  load: {
    title: 'Cost of each mode under load',
    section: 'Difference 3 — scalability',
    quote:
      'Sessions live on the server, so many concurrent users load it; to spread the load we run several servers, and with several servers sessions get complicated.',
    explanation:
      'The same traffic is sent through the balancer in every mode, once at a fixed rate (for fair latency) and once as fast as possible. Absolute numbers depend on the machine, so compare the modes with each other: how many CPU microseconds a node spends per request, how many store round trips each request needs, and how many bytes travel. A shared store adds a network hop per request; a JWT replaces it with a signature check.',
  },
  'token-size': {
    title: 'Credential size on the wire',
    section: 'Difference 1 — size',
    quote:
      'session < token. The session id that travels is tiny; a token carrying the same information is much larger.',
    explanation:
      'Every request carries the credential: a short signed session id in a cookie, or a whole signed JWT in the Authorization header. The bars show how many bytes that is per request and what it adds up to over a million requests. The token is bigger because it carries its own data (user, expiry, id) and a signature, so the server does not have to look anything up.',
  },
  revocation: {
    title: 'Logout and stolen credentials',
    section: 'Difference 2 — safety',
    quote:
      'Keep its lifetime short to shrink the window of exposure. Too short means logging in all the time, so at login also issue a refresh token.',
    explanation:
      'We log out, and separately replay a copied ("stolen") credential from a second client, then count how many seconds it keeps working. A server-side session dies the moment the server deletes it. A stateless token keeps working until it expires unless the servers share a denylist, which is why access tokens are kept short-lived and refresh tokens are rotated: reusing an old refresh token revokes the whole family. With in-memory sessions behind round-robin, the logout itself often lands on a node that never held the session, so the session lives on, on its own node, until it expires: per-node state even breaks logout.',
  },
  'node-failure': {
    title: 'A node dies mid-run',
    section: 'HTTP is stateless',
    quote: 'The difference: a session is stored on the server (a DB), a token is stored only on the client.',
    explanation:
      'One app node is killed while users are active. With in-memory sessions, every session that lived on that node is gone and those users must log in again. With a shared store or with tokens, the other nodes can still authenticate them, so after the balancer notices the dead node the failures stop. The timeline shows successful and failed requests over time.',
  },
  'store-failure': {
    title: 'The session server dies',
    section: 'Difference 3 — scalability',
    quote: 'One can run a separate session server, but then it must itself be replicated in case it fails.',
    explanation:
      'We stop the shared Redis store in the middle of a run. In redis mode every authenticated request now fails fast (503) until the store is back — and without persistence the sessions are gone. In JWT mode access tokens keep working because checking a signature needs no store; only refresh fails. With Sentinel, a replica is promoted and service resumes after the failover.',
  },
  attacks: {
    title: 'Forged and tampered credentials',
    section: 'JSON Web Token',
    quote:
      'Beware: some servers accept a token whose signature was stripped off — this must never authenticate.',
    explanation:
      'We send credentials an attacker could make: a JWT with alg "none", a stripped or altered signature, a tampered payload, an expired token, one signed with the wrong key, and forged or tampered session cookies. Every one of them must be rejected with 401. Any case that was not rejected is listed as a failure.',
  },
  scale: {
    title: 'Adding nodes: 1 to 8',
    section: 'Difference 3 — scalability',
    quote: 'Most web services now choose tokens because they scale.',
    explanation:
      'We repeat the re-login test with 1, 2, … 8 nodes. With in-memory sessions and round-robin, the chance that a request reaches the node holding its session is 1/N, so the failure rate follows the dashed theory line (N-1)/N: 0 with one node, 50% with two, 87.5% with eight. JWT stays at zero however many nodes are added.',
  },
};
