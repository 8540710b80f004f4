import type { Messages } from '../messages.ts';
import { common } from './common.ts';

/** The Korean catalogue: the same keys as the English one (the type and a test enforce it). */
export const ko: Messages = {
  ...common,
};
