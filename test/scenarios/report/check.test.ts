import { describe, expect, it } from 'vitest';
import { checkReport } from '../../../scenarios/report/check.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

describe('report check', () => {
  it('accepts a conforming report and names what is wrong in a broken one', () => {
    expect(checkReport(sampleReport())).toEqual([]);
    const broken = JSON.parse(JSON.stringify(sampleReport()));
    delete broken.machine;
    broken.results[0].mode = 'ldap';
    broken.results[0].scenarios.relogin.failureRate = 'high';
    broken.results[1].scenarios.bogus = { skipped: true, reason: 'x' };
    const problems = checkReport(broken);
    expect(problems).toContain('machine: object');
    expect(problems).toContain('results[0].mode: run mode');
    expect(problems).toContain('results[0].scenarios.relogin.failureRate: number');
    expect(problems).toContain('results[1].scenarios.bogus: known scenario');
    expect(checkReport(null)).toEqual(['report is not an object']);
  });

  it('checks machine.timings when present: known phases, ends not before starts, cores as numbers', () => {
    const report = sampleReport();
    report.machine.timings = [
      { phase: 'clusters', startMs: 0, endMs: 4000 },
      { phase: 'side-by-side', startMs: 0, endMs: 20000 },
      { phase: 'quiet', startMs: 20000, endMs: 54000, ownCores: 1.42, otherCores: 0.03 },
    ];
    expect(checkReport(report)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(report));
    broken.machine.timings[2] = { phase: 'quiet', startMs: 20000, endMs: 54000, otherCores: 'some' };
    expect(checkReport(broken)).toEqual([
      'machine.timings: [{ phase, startMs, endMs, ownCores?, otherCores? }]',
    ]);
    broken.machine.timings[2] = { phase: 'quiet', startMs: 20000, endMs: 100 };
    expect(checkReport(broken)).toEqual([
      'machine.timings: [{ phase, startMs, endMs, ownCores?, otherCores? }]',
    ]);
    broken.machine.timings[2] = { phase: 'lunch', startMs: 0, endMs: 1 };
    expect(checkReport(broken)).toEqual([
      'machine.timings: [{ phase, startMs, endMs, ownCores?, otherCores? }]',
    ]);
  });
});
