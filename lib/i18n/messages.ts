import type { en } from './en/index.ts';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
