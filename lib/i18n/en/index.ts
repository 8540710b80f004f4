import { common } from './common.ts';

/**
 * The English catalogue: one object, assembled from one file per area so that areas can grow
 * independently. Keys are `area.name`; `{name}` marks a parameter.
 */
export const en = {
  ...common,
} as const;
