import { describe, expect, it, vi } from 'vitest';
import { AuditUsageError, parseAuditArgs } from '../../audit/cli/args.ts';
import { runAuditCli } from '../../audit/cli.ts';

/** The audit's threshold flags: the same grammar and catalogue as demo and scenario. */
describe('audit thresholds flags', () => {
  it('start from the default, add --threshold, and drop the default on request', () => {
    const flags = parseAuditArgs([
      '--profile',
      'p.yaml',
      '--threshold',
      'relogin.failureRate < 0.1',
      '--junit',
      'j.xml',
    ]);
    expect(flags.thresholds.map((t) => t.expression)).toEqual([
      'forgeries.accepted == 0',
      'relogin.failureRate < 0.1',
    ]);
    expect(flags.junit).toBe('j.xml');
    const dropped = parseAuditArgs(['--profile', 'p.yaml', '--no-default-thresholds']);
    expect(dropped.thresholds).toEqual([]);
  });

  it('refuse an unknown figure with the valid names (exit 2 before anything starts)', async () => {
    expect(() => parseAuditArgs(['--profile', 'p.yaml', '--threshold', 'forgeries.rejected == 0'])).toThrow(
      AuditUsageError,
    );
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runAuditCli(['--profile', 'p.yaml', '--threshold', 'forgeries.rejected == 0'])).toBe(2);
      const printed = stderr.mock.calls.map((call) => String(call[0])).join('');
      expect(printed).toContain('unknown figure "forgeries.rejected"; figures: relogin.failureRate');
    } finally {
      stderr.mockRestore();
    }
  });

  it('--list-figures needs no profile', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runAuditCli(['--list-figures'])).toBe(0);
      expect(stdout.mock.calls.map((call) => String(call[0])).join('')).toContain('forgeries.accepted');
    } finally {
      stdout.mockRestore();
    }
  });
});
