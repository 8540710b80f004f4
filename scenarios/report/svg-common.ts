import { escapeHtml } from './escape.ts';
import { displayWidth } from './width.ts';

/** Colours that stay distinguishable in print and for common colour-vision deficiencies. */
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
];
export const OK_COLOR = '#2ca02c';
export const FAIL_COLOR = '#d62728';
export const THEORY_COLOR = '#444';

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The bar and line charts' frame: room on the left for y labels, on top for title and legend. */
export function chartFrame(options: { width?: number; height?: number }): Frame {
  return {
    width: options.width ?? 560,
    height: options.height ?? 280,
    left: 56,
    right: 16,
    top: 48,
    bottom: 48,
  };
}

export function plotWidth(f: Frame): number {
  return f.width - f.left - f.right;
}

export function plotHeight(f: Frame): number {
  return f.height - f.top - f.bottom;
}

/** A round axis maximum ≥ value (1, 2, 2.5, 5 × 10^k) so tick labels are readable. */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

export function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function text(
  x: number,
  y: number,
  content: string,
  attrs: {
    anchor?: 'start' | 'middle' | 'end';
    size?: number;
    weight?: string;
    fill?: string;
    halo?: boolean;
  } = {},
): string {
  const anchor = attrs.anchor ?? 'start';
  const fill = attrs.fill ? ` fill="${escapeHtml(attrs.fill)}"` : '';
  const weight = attrs.weight ? ` font-weight="${attrs.weight}"` : '';
  // A white outline keeps a label readable where a line or a shaded band crosses it.
  const halo = attrs.halo ? ' stroke="#fff" stroke-width="3" paint-order="stroke"' : '';
  return `<text x="${round(x)}" y="${round(y)}" text-anchor="${anchor}" font-size="${attrs.size ?? 12}"${weight}${fill}${halo}>${escapeHtml(content)}</text>`;
}

/** The `<svg>` element with an accessible title; charts inherit the page font. */
export function svgOpen(f: Frame, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif">` +
    `<title>${escapeHtml(title)}</title>` +
    text(f.left, 16, title, { size: 14, weight: '600' })
  );
}

/** Horizontal grid lines and y tick labels from 0 to max. */
/** Five steps: with niceMax() maxima (1, 2, 2.5, 5 × 10^k) every tick is a round number. */
export function yAxis(f: Frame, max: number, format: (value: number) => string, ticks = 5): string {
  const parts: string[] = [];
  for (let i = 0; i <= ticks; i++) {
    const value = (max * i) / ticks;
    const y = f.top + plotHeight(f) * (1 - i / ticks);
    parts.push(
      `<line x1="${f.left}" y1="${round(y)}" x2="${f.width - f.right}" y2="${round(y)}" stroke="#ddd" stroke-width="1"/>`,
      text(f.left - 6, y + 4, format(value), { anchor: 'end', size: 11, fill: '#555' }),
    );
  }
  parts.push(
    `<line x1="${f.left}" y1="${f.top + plotHeight(f)}" x2="${f.width - f.right}" y2="${f.top + plotHeight(f)}" stroke="#888" stroke-width="1"/>`,
  );
  return parts.join('');
}

/** A legend row under the title: coloured swatch + name per entry. */
export function legend(
  f: Frame,
  entries: { name: string; color: string; dashed?: boolean; whisker?: boolean }[],
): string {
  let x = f.left;
  const y = 34;
  return entries
    .map((entry) => {
      const swatch = entry.whisker
        ? `<line x1="${x + 6}" y1="${y - 11}" x2="${x + 6}" y2="${y + 1}" stroke="${escapeHtml(entry.color)}" stroke-width="1.5"/><line x1="${x + 2}" y1="${y - 11}" x2="${x + 10}" y2="${y - 11}" stroke="${escapeHtml(entry.color)}" stroke-width="1.5"/><line x1="${x + 2}" y1="${y + 1}" x2="${x + 10}" y2="${y + 1}" stroke="${escapeHtml(entry.color)}" stroke-width="1.5"/>`
        : entry.dashed
          ? `<line x1="${round(x)}" y1="${y - 4}" x2="${round(x + 16)}" y2="${y - 4}" stroke="${escapeHtml(entry.color)}" stroke-width="2" stroke-dasharray="4 3"/>`
          : `<rect x="${round(x)}" y="${y - 10}" width="12" height="12" fill="${escapeHtml(entry.color)}"/>`;
      const label = text(x + 20, y, entry.name, { size: 11 });
      x += 30 + displayWidth(entry.name) * 6.2;
      return swatch + label;
    })
    .join('');
}
