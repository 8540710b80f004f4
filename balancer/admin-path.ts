/**
 * The nodes' fault-injection route `POST /__admin/crash` must not be reachable through the
 * balancer unless asked for (`ADMIN_PASSTHROUGH=1`). The path is forwarded exactly as received;
 * only this check sees a normalised copy, so every spelling a node's router might accept is
 * caught: `//__admin//crash`, `/%5F_admin/crash`, `/%255f_admin`, `/x/../__ADMIN`, `\__admin`.
 */
const SUSPECT = /%|admin/i;
const PERCENT = /%([0-9a-f]{2})/gi;

function decodeOnce(text: string): string {
  return text.replace(PERCENT, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Lower case, percent-decoded (until stable, at most 3 rounds), `\` as `/`, dot segments resolved. */
export function normalisePath(url: string): string {
  let path = url;
  const query = path.indexOf('?');
  if (query !== -1) path = path.slice(0, query);
  for (let round = 0; round < 3; round++) {
    const decoded = decodeOnce(path);
    if (decoded === path) break;
    path = decoded;
  }
  const segments: string[] = [];
  for (const segment of path.toLowerCase().replaceAll('\\', '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** True when the request target names the admin route in any spelling (cheap for other paths). */
export function isAdminPath(url: string): boolean {
  if (!SUSPECT.test(url)) return false;
  const first = normalisePath(url).split('/', 2)[1] ?? '';
  // A prefix test: whatever follows (`;x`, a decoded `?`, more letters) some router may ignore.
  return first.trim().startsWith('__admin');
}
