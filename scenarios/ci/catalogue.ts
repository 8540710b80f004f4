import type { Translate } from '../../lib/i18n/index.ts';
import { escapeMarkdownCell } from '../report/escape.ts';
import { displayWidth, padTo } from '../report/width.ts';
import { FIGURES, type Figure, sourceText } from './figures.ts';
import { LABEL_NAMES } from './samples.ts';

/**
 * The figure catalogue for people: `--list-figures` prints it, docs/ci.md holds the Markdown
 * table (a test keeps the two equal). Both come from FIGURES, so they cannot drift from what the
 * evaluator reads.
 */
function better(figure: Figure, t: Translate): string {
  return t(
    figure.better === 'lower'
      ? 'ci.better.lower'
      : figure.better === 'higher'
        ? 'ci.better.higher'
        : 'ci.better.none',
  );
}

function unit(figure: Figure, t: Translate): string {
  return figure.spread ? t('ci.list.spread-unit', { unit: figure.unit }) : figure.unit;
}

export function figureListText(t: Translate): string {
  const nameWidth = Math.max(...FIGURES.map((f) => f.name.length));
  const unitWidth = Math.max(...FIGURES.map((f) => displayWidth(unit(f, t))));
  // Name, unit and direction on one line, the meaning under it: fits 100 columns in both languages.
  const lines = FIGURES.flatMap((f) => [
    `  ${padTo(f.name, nameWidth, false)}  ${padTo(unit(f, t), unitWidth, false)}  ${better(f, t)}`,
    `      ${t(f.description)}`,
  ]);
  return [
    t('ci.list.heading'),
    ...lines,
    '',
    t('ci.list.labels', { labels: LABEL_NAMES.join(', ') }),
    t('ci.list.grammar'),
    '',
  ].join('\n');
}

/** The Markdown table of docs/ci.md: name, unit, better, demo source, audit source, meaning. */
export function figureCatalogueMarkdown(t: Translate): string {
  const rows = FIGURES.map((f) =>
    [
      `\`${f.name}\``,
      unit(f, t),
      better(f, t),
      `\`${sourceText(f.demo, '')}\``,
      f.audit ? `\`${sourceText(f.audit, 'audit.')}\`` : '–',
      t(f.description),
    ]
      .map(escapeMarkdownCell)
      .join(' | '),
  );
  const head = `| ${[t('ci.col.figure'), t('ci.col.unit'), t('ci.col.better'), t('ci.col.demo-source'), t('ci.col.audit-source'), t('ci.col.meaning')].join(' | ')} |`;
  return [head, '|---|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
}
