/** Number formats shared by the audit's verdict and sections. */
export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
export const isSkipped = (value: unknown): value is { skipped: true; reason: string } =>
  typeof value === 'object' && value !== null && (value as { skipped?: unknown }).skipped === true;
