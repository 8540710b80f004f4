export async function run(_args: string[]): Promise<void> {
  throw new Error('bench/auth.ts: not written yet');
}
