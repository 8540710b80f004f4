import { en } from './en/index.ts';
import { ko } from './ko/index.ts';
import type { MessageKey, Messages } from './messages.ts';

export type { MessageKey, Messages } from './messages.ts';

export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES: Record<Lang, Messages> = { en, ko };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language the locale asks for: Korean when LC_ALL / LC_MESSAGES / LANG starts with `ko`. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translator(lang: Lang): Translate {
  const messages = CATALOGUES[lang];
  return (key, params) => format(messages[key], params);
}
