import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { parseCommand, UsageError } from '../../../scenarios/cli/args.ts';

/** Usage errors carry a catalogue key, so the CLI can print them in Korean too. */
function usageError(argv: string[]): UsageError {
  try {
    parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('CLI words', () => {
  it('--lang takes en or ko', () => {
    expect(parseCommand(['demo', '--lang', 'ko'])).toMatchObject({ flags: { lang: 'ko' } });
    expect(parseCommand(['demo'])).not.toHaveProperty('flags.lang');
    expect(usageError(['demo', '--lang', 'fr']).message).toBe('--lang expects one of en | ko, got "fr"');
  });

  it('every usage error reads in both languages, with its details', () => {
    const cases: [string[], string][] = [
      [['demo', '--nodes', 'lots'], '--nodes에는 1-16 사이의 정수를 주어야 합니다. 받은 값: "lots"'],
      [['scenario', 'nope'], '알 수 없는 시나리오 "nope"입니다'],
      [['cluster', '--target', 'http://x:1'], '--target과 함께 쓸 수 없습니다'],
      [['frobnicate'], '알 수 없는 명령 "frobnicate"입니다'],
      [['demo', '--duration', 'soon'], '--duration에는 초 단위 값'],
    ];
    const ko = translator('ko');
    for (const [argv, korean] of cases) {
      const error = usageError(argv);
      expect(error.message, argv.join(' ')).not.toMatch(/[가-힣]/);
      expect(ko(error.key, error.params), argv.join(' ')).toContain(korean);
    }
  });
});
