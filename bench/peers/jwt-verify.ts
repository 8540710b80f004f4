import { createVerifier } from 'fast-jwt';
import { jwtVerify } from 'jose';
import { issueAccessToken, verifyAccessToken } from '../../nodes/auth/jwt/access-token.ts';
import {
  ACCESS_AUDIENCE,
  ACCESS_TYP,
  CLOCK_TOLERANCE_S,
  JWT_ISSUER,
} from '../../nodes/auth/jwt/constants.ts';
import { deriveKeyBytes, importJwtKeys } from '../../nodes/auth/jwt/keys.ts';

/**
 * In-process microbench: CPU µs per verify of ONE access token as authscale issues it, with the
 * same checks everywhere (HS256 only, iss, aud, typ, required claims, max age, clock tolerance):
 * authscale's verifyAccessToken (jose plus its shape checks), jose's jwtVerify alone, and fast-jwt's
 * verifier without its cache. The verifiers take turns within each round (interleaved).
 */
export interface VerifyRound {
  name: string;
  microsPerVerify: number[];
}

const TTL_SECONDS = 900;
const REQUIRED = ['iss', 'aud', 'sub', 'iat', 'exp', 'jti'];

type Verify = () => unknown;

async function verifiers(secret: string): Promise<{ name: string; verify: Verify }[]> {
  const keys = await importJwtKeys(secret);
  const now = Date.now();
  const { token } = await issueAccessToken(keys.access, 'user0001', TTL_SECONDS, now);
  const fast = createVerifier({
    key: Buffer.from(deriveKeyBytes(secret).access),
    algorithms: ['HS256'],
    allowedIss: JWT_ISSUER,
    allowedAud: ACCESS_AUDIENCE,
    checkTyp: ACCESS_TYP,
    requiredClaims: REQUIRED,
    maxAge: (TTL_SECONDS + CLOCK_TOLERANCE_S) * 1000,
    clockTolerance: CLOCK_TOLERANCE_S * 1000,
    cache: false,
  });
  const joseOptions = {
    algorithms: ['HS256'],
    issuer: JWT_ISSUER,
    audience: ACCESS_AUDIENCE,
    typ: ACCESS_TYP,
    requiredClaims: REQUIRED,
    maxTokenAge: TTL_SECONDS + CLOCK_TOLERANCE_S,
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  return [
    {
      name: 'authscale verifyAccessToken (jose)',
      verify: () => verifyAccessToken(token, keys.access, TTL_SECONDS, Date.now()),
    },
    { name: 'jose jwtVerify', verify: () => jwtVerify(token, keys.access, joseOptions) },
    { name: 'fast-jwt verifier (no cache)', verify: () => fast(token) },
  ];
}

async function cpuMicrosPer(verify: Verify, count: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await verify();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

export async function measureJwtVerify(
  secret: string,
  rounds: number,
  perRound: number,
): Promise<VerifyRound[]> {
  const list = await verifiers(secret);
  for (const { verify } of list) await cpuMicrosPer(verify, perRound); // warm-up (JIT)
  const results = list.map(({ name }) => ({ name, microsPerVerify: [] as number[] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, { verify }] of list.entries())
      results[i]!.microsPerVerify.push(await cpuMicrosPer(verify, perRound));
  }
  return results;
}
