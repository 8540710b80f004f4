import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../../lib/i18n/index.ts';
import { ATTACK_IDS, SCENARIO_NAMES } from '../../../scenarios/core/types.ts';
import { renderHtml, renderMarkdown, renderTable } from '../../../scenarios/report/index.ts';
import { sampleReport } from '../../helpers/sample-report.ts';

/**
 * `--lang ko` output is Korean throughout: after removing what is not prose — technical names kept
 * in English on purpose (JWT, Redis, HttpOnly…), units, codes, data from the run (node ids, the CPU
 * model, decoded token JSON) and the study note's verbatim quotes — no English word may be left.
 */
const ALLOWED = [
  /ERR_[A-Z_]+/g,
  /[A-Z][A-Z0-9]*(_[A-Z0-9]+)+/g, // env names: REDIS_URL, ACCESS_TOKEN_TTL
  /\{[^{}]*"[^{}]*\}/g, // decoded JSON
  /Intel\(R\) Xeon\(R\) CPU @ [\d.]+GHz/g,
  /linux\/x64|v\d+\.\d+\.\d+|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g,
  /node-\d+/g,
  // Product names and an install command a reader types as is.
  /\b(HAProxy|haproxy|nginx)\b|apt-get install -y [a-z-]+ \(or brew install [a-z]+\)/g,
  /GET \/api\/me|apt-get install -y redis-server|redis-server|--target|docs\/lesson\.ko\.md|report\.md/g,
  /\b(JWT|Redis|HttpOnly|SameSite|Sentinel|Bearer|Authorization|CPU|Node|PATH|UTC|GiB|MB|kB|GB|TB|ID|IP|sid|alg|none|typ|aud|exp|jti|RS256|HS256|authscale|alice|HTTP|RTT|GET|EXISTS|req\/s|p99|p90|p50|ms|µs|[A-Z]\b|2xx|N|stateless|TCP|L4)\b/g,
];

function leftoverEnglish(text: string): string[] {
  let rest = text;
  for (const pattern of ALLOWED) rest = rest.replace(pattern, ' ');
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}

/** Visible text of the HTML, without markup, styles, the verbatim quotes and code spans. */
function htmlText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<blockquote class="seed"><p>[\s\S]*?<\/p>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&[a-z]+;|&#\d+;/g, ' ');
}

function mdText(md: string): string {
  return md
    .split('\n')
    .filter((line) => !/^> (?!—)/.test(line)) // the quote itself, not its attribution
    .join('\n')
    .replace(/`[^`]*`/g, ' ')
    .replace(/&[a-z]+;/g, ' ');
}

describe('Korean output', () => {
  it('the terminal summary has no English words left', () => {
    expect(leftoverEnglish(renderTable(sampleReport(), { color: false, lang: 'ko' }))).toEqual([]);
  });

  it('report.md has no English words left', () => {
    expect(leftoverEnglish(mdText(renderMarkdown(sampleReport(), 'ko')))).toEqual([]);
  });

  it('report.html has no English words left, chart labels included', () => {
    expect(leftoverEnglish(htmlText(renderHtml(sampleReport(), 'ko')))).toEqual([]);
  });

  it('the check itself catches English (it is not vacuous)', () => {
    expect(leftoverEnglish(htmlText(renderHtml(sampleReport(), 'en')))).toContain('failed');
    expect(leftoverEnglish('세션 skipped')).toEqual(['skipped']);
  });

  it('quotes the Korean original for ko and the English rendering for en', () => {
    expect(renderMarkdown(sampleReport(), 'ko')).toContain('> 세션 < 토큰.');
    expect(renderMarkdown(sampleReport(), 'en')).toContain('> session < token.');
  });
});

describe('catalogue keys built at run time', () => {
  it('every attack id and every scenario has its words in both languages', () => {
    for (const lang of ['en', 'ko'] as const) {
      const keys = Object.keys(CATALOGUES[lang]);
      for (const id of ATTACK_IDS) {
        expect(keys, `${lang} ${id}`).toContain(`report.attack.${id}.name`);
        expect(keys, `${lang} ${id}`).toContain(`report.attack.${id}.tries`);
      }
      for (const name of SCENARIO_NAMES) {
        for (const part of ['title', 'section', 'quote', 'explanation']) {
          expect(keys, `${lang} ${name}`).toContain(`report.claim.${name}.${part}`);
        }
        expect(keys).toContain(`report.scenario.${name}`);
      }
    }
  });
});
