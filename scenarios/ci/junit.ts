import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { translator } from '../../lib/i18n/index.ts';
import type { ThresholdResult } from './evaluate.ts';
import { measuredText, thresholdCounts } from './render.ts';

/**
 * JUnit XML for CI test tabs (GitHub, GitLab, Jenkins): one testcase per threshold; a failed one
 * carries a <failure> with the measured value and the expression, one that could not be checked
 * (figure not measured) an <error>; when the run itself failed, one more testcase with an <error>
 * per problem. Words are English: CI systems show this file, not our reports.
 */
export interface JunitOptions {
  /** Testsuite name, e.g. `authscale demo` or `authscale audit`. */
  suite: string;
  /** Problems that made the run itself fail (a scenario that errored). */
  runErrors?: readonly string[];
  /** Thresholds never evaluated because the run ended without a report: an error each. */
  unchecked?: readonly string[];
  timestamp?: string;
}

/** XML 1.0 text: markup characters escaped, characters XML cannot carry dropped. */
export function xmlText(value: unknown): string {
  return (
    String(value)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

function testcase(result: ThresholdResult): string {
  const t = translator('en');
  const open = `    <testcase classname="authscale.thresholds.${xmlText(result.figure)}" name="${xmlText(result.expression)}">`;
  const measured = measuredText(result, t);
  if (result.status === 'passed')
    return `${open}\n      <system-out>${xmlText(measured)}</system-out>\n    </testcase>`;
  const element = result.status === 'failed' ? 'failure' : 'error';
  const type = result.status === 'failed' ? 'threshold' : 'not-measured';
  const message = `${result.expression}: measured ${measured}`;
  return `${open}\n      <${element} type="${type}" message="${xmlText(message)}">${xmlText(message)}</${element}>\n    </testcase>`;
}

function uncheckedCase(expression: string): string {
  const message = `${expression}: not checked, the run failed`;
  return `    <testcase classname="authscale.thresholds" name="${xmlText(expression)}">\n      <error type="not-checked" message="${xmlText(message)}">${xmlText(message)}</error>\n    </testcase>`;
}

function runCase(errors: readonly string[]): string {
  const body = errors
    .map((error) => `      <error type="run" message="${xmlText(error)}">${xmlText(error)}</error>`)
    .join('\n');
  return `    <testcase classname="authscale.run" name="run">\n${body}\n    </testcase>`;
}

export function renderJunit(results: readonly ThresholdResult[], options: JunitOptions): string {
  const counts = thresholdCounts(results);
  const runErrors = options.runErrors ?? [];
  const unchecked = options.unchecked ?? [];
  const tests = counts.total + unchecked.length + (runErrors.length > 0 ? 1 : 0);
  const errors = counts.missing + unchecked.length + (runErrors.length > 0 ? 1 : 0);
  const attrs = `name="${xmlText(options.suite)}" tests="${tests}" failures="${counts.failed}" errors="${errors}"`;
  const cases = [
    ...results.map(testcase),
    ...unchecked.map(uncheckedCase),
    ...(runErrors.length > 0 ? [runCase(runErrors)] : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs}>`,
    `  <testsuite ${attrs} skipped="0" timestamp="${xmlText(options.timestamp ?? new Date().toISOString())}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export async function writeJunit(
  file: string,
  results: readonly ThresholdResult[],
  options: JunitOptions,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderJunit(results, options));
}
