/** An ascending copy (the caller's array keeps its order, e.g. rounds in round order). */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
