import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n/index.ts';
import { loadWarning, phaseCpuLine } from '../../../scenarios/report/noise.ts';
import { summaryNotes } from '../../../scenarios/report/table.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

const en = translator('en');
const ko = translator('ko');

function measuredReport() {
  const report = sampleReport();
  report.machine.loadavgPeak1m = 8.1;
  report.machine.timings = [
    { phase: 'side-by-side', startMs: 0, endMs: 30_000, ownCores: 1.9, otherCores: 0.04 },
    { phase: 'fault-windows', startMs: 30_000, endMs: 41_000, ownCores: 1.02, otherCores: 0.03 },
    { phase: 'quiet', startMs: 41_000, endMs: 81_000, ownCores: 1.45, otherCores: 0.61 },
  ];
  report.machine.loadWarning = { peak1m: 8.1, cores: 2, otherCores: 0.61, phase: 'quiet' };
  return report;
}

describe('the machine lines: who used the CPU, and when to warn', () => {
  it('names the measured other work and the phase it fell in', () => {
    expect(loadWarning(measuredReport(), en)).toBe(
      'Other work used 0.61 of the 2 cores during the load rounds (measured): req/s, latency, CPU per request and the fault windows’ counts are noisier than usual.',
    );
    expect(loadWarning(measuredReport(), ko)).toBe(
      '부하 측정 구간 동안 다른 작업이 코어 2개 중 평균 0.61개를 썼습니다(측정값). 처리량, 지연 시간, 요청당 CPU, 장애 구간의 요청 수가 평소보다 흔들립니다.',
    );
  });

  it('keeps the load-average warning where nothing was measured', () => {
    expect(loadWarning(sampleReport(), en)).toMatch(/^The load average reached 2\.9 on 2 cores/);
  });

  it('says how many cores the demo and other work used in the contended phases only', () => {
    expect(phaseCpuLine(measuredReport(), en)).toBe(
      'Cores in use on average (measured; the load average above counts the demo’s own processes too): fault windows 1.02 by the demo, 0.03 by other work; load rounds 1.45 by the demo, 0.61 by other work.',
    );
    expect(phaseCpuLine(measuredReport(), ko)).toContain('장애 구간 데모 1.02코어, 다른 작업 0.03코어');
    expect(phaseCpuLine(sampleReport(), en)).toBeUndefined();
  });

  it('puts both under the load average in the summary notes', () => {
    const notes = summaryNotes(measuredReport(), en);
    const load = notes.findIndex((line) => line.startsWith('Load average'));
    expect(notes[load + 1]).toMatch(/^Cores in use on average/);
    expect(notes[load + 2]).toMatch(/^⚠ Other work used 0\.61/);
  });
});
