const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses `30s`, `15m`, `1h`, `7d`, `250ms` or a bare number of seconds into seconds.
 * Returns undefined for anything else so callers can name the variable in their error.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * (UNIT_SECONDS[match[2] ?? 's'] ?? 1);
  return Number.isFinite(value) ? value : undefined;
}
