import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseThreshold } from '../../../scenarios/ci/expression.ts';
import { evaluateThresholds, renderJunit } from '../../../scenarios/ci/index.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/** JUnit XML read back by a real XML parser, the way a CI system's test tab reads it. */
interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string } | { '#text': string; '@_message': string }[];
  'system-out'?: string;
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => name === 'testcase',
  });
  const doc = parser.parse(xml);
  const suite = doc.testsuites.testsuite;
  return { root: doc.testsuites, suite, cases: suite.testcase as Case[] };
}

describe('JUnit XML', () => {
  const report = sampleReport();
  const results = evaluateThresholds(
    report,
    ['load.p99Ms{mode=jwt} < 20', 'load.p99Ms < 20', 'load.rps{mode=redis,strategy=sticky} > 1'].map(
      parseThreshold,
    ),
  );

  it('has one testcase per threshold; a failure carries the measured value and the expression', () => {
    const { root, suite, cases } = parse(
      renderJunit(results, { suite: 'authscale demo', timestamp: '2026-12-04T10:00:00Z' }),
    );
    expect(root['@_tests']).toBe('3');
    expect(suite['@_name']).toBe('authscale demo');
    expect(suite['@_failures']).toBe('1');
    expect(suite['@_errors']).toBe('1');
    expect(cases.map((c) => c['@_name'])).toEqual([
      'load.p99Ms{mode=jwt} < 20',
      'load.p99Ms < 20',
      'load.rps{mode=redis,strategy=sticky} > 1',
    ]);
    expect(cases[0]!.failure).toBeUndefined();
    expect(cases[0]!['system-out']).toContain('19.7 ms');
    expect(cases[1]!.failure!['@_type']).toBe('threshold');
    expect(cases[1]!.failure!['@_message']).toContain('load.p99Ms < 20');
    expect(cases[1]!.failure!['#text']).toMatch(/memory · sticky[^;]*: 20\.5 ms ✗/);
    // Not measured is an error, not a pass and not a failure.
    const missing = cases[2]!.error as { '@_message': string };
    expect(missing['@_message']).toContain('not measured');
  });

  it('adds an error testcase when the run itself failed, and escapes what it carries', () => {
    const xml = renderJunit([], {
      suite: 'authscale scenario <relogin> & "x"',
      runErrors: ['memory/round-robin load: failed: ECONNREFUSED <127.0.0.1> & \u0007bell'],
    });
    const { suite, cases } = parse(xml);
    expect(xml).toContain('authscale scenario &lt;relogin&gt; &amp; &quot;x&quot;');
    expect(suite['@_name']).toBe('authscale scenario <relogin> & "x"');
    expect(suite['@_errors']).toBe('1');
    expect(cases).toHaveLength(1);
    expect(cases[0]!['@_name']).toBe('run');
    const error = cases[0]!.error as { '#text': string };
    expect(error['#text']).toContain('ECONNREFUSED <127.0.0.1> & bell');
  });
});
