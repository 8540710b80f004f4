/** Words of `npm run compare` (two reports side by side, --check, --history). */
export const compare = {
  'compare.title': 'authscale: two reports compared',
  'compare.sources': 'A: {a} · B: {b}',
  'compare.col.figure': 'figure',
  'compare.col.run': 'run',
  'compare.col.a': 'A',
  'compare.col.b': 'B',
  'compare.col.change': 'change',
  'compare.col.verdict': 'verdict',
  'compare.verdict.better': 'better',
  'compare.verdict.worse': 'worse',
  'compare.verdict.no-clear-difference': 'no clear difference (ranges overlap)',
  'compare.verdict.same': 'same',
  'compare.verdict.changed': 'changed',
  'compare.one-value': '(one value each: no noise range)',
  'compare.warning.heading': 'The two reports were not measured alike; changes may come from that:',
  'compare.diff.kind': 'report kind: {a} vs {b}',
  'compare.diff.cores': 'cores: {a} vs {b}',
  'compare.diff.cpu': 'CPU: {a} vs {b}',
  'compare.diff.node': 'Node.js: {a} vs {b}',
  'compare.diff.commit': 'authscale commit: {a} vs {b}',
  'compare.diff.commit-unknown':
    'authscale commit: unknown in both (no git checkout), so the code may differ',
  'compare.diff.quick': '--quick: {a} vs {b}',
  'compare.only-a': 'Only in A (not compared): {names}',
  'compare.only-b': 'Only in B (not compared): {names}',
  'compare.legend':
    'Values with a range are the median (min–max) of interleaved rounds; overlapping ranges are not ranked. ≥: a lower bound (the copy still worked when observation ended). Change = B against A, medians.',
  'compare.regression.found': '{count} figure(s) got worse by more than {pct}% beyond the noise: {names}',
  'compare.regression.none': 'No figure got worse by more than {pct}% beyond the noise.',
  'compare.written': 'written:',
  'compare.error.read': 'cannot read {file} ({reason})',
  'compare.error.not-json': '{file} is not JSON',
  'compare.error.not-report': '{file} is not an authscale report.json (no results[] and no audit)',
  'compare.error.args':
    'give two report.json files (A B), or --check FILE with --threshold, or --history DIR, or --list-figures',
  'compare.error.pct': '--fail-on-regression expects a percentage ≥ 0, not "{text}"',
  'compare.error.no-thresholds': '--check needs at least one --threshold or --thresholds FILE',
  'compare.error.history-dir': 'cannot read the folder {dir} ({reason})',
  'compare.usage': `usage:
  npm run compare -- A/report.json B/report.json [--fail-on-regression PCT] [--out DIR] [--lang en|ko]
      per figure: A, B, the change and a verdict that respects the noise; exit 99 when a figure
      got worse by more than PCT % beyond its min–max range
  npm run compare -- --check report.json --threshold 'EXPR' [--thresholds FILE] [--junit FILE]
      check thresholds against an existing report (exit 0 hold, 99 one failed, 2 not measured)
  npm run compare -- --history DIR [--out DIR]      a page of past runs with trend charts
  npm run compare -- --list-figures [--markdown]    the figure names thresholds can use`,
  'history.title': 'authscale: past runs',
  'history.lead': '{count} runs, oldest first. Figures are medians; compare two runs with npm run compare.',
  'history.unreadable': 'not a readable report.json, left out: {names}',
  'history.charts-in-html': 'The trend charts are in history.html.',
  'history.axis': 'run (oldest → newest)',
  'history.col.date': 'started (UTC)',
  'history.col.folder': 'folder',
  'history.col.runs': 'runs',
  'history.col.thresholds': 'thresholds held',
} as const;
