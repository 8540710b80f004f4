export async function run(_args: string[]): Promise<void> {
  throw new Error('bench/balancer.ts: not written yet');
}
