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
});
