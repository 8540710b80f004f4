/**
 * Display width in terminal columns: East Asian wide characters (Hangul, CJK, full-width forms)
 * take two columns, combining marks none, everything else one. Enough for the report's own text;
 * not a full wcwidth.
 */
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
];

function columns(codePoint: number): number {
  if (codePoint >= 0x300 && codePoint <= 0x36f) return 0;
  for (const [from, to] of WIDE) if (codePoint >= from && codePoint <= to) return 2;
  return 1;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes take no columns
const ANSI = /\x1b\[[0-9;]*m/g;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(ANSI, '')) width += columns(ch.codePointAt(0)!);
  return width;
}

export function padTo(text: string, size: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

/** Wraps text at spaces so that no line is wider than `width` columns; continuation lines get `indent`. */
export function wrap(text: string, width: number, indent = '  '): string[] {
  const lines: string[] = [];
  const lead = text.slice(0, text.length - text.trimStart().length);
  let current = lead;
  for (const word of text.trimStart().split(' ')) {
    const candidate = current.trim() === '' ? `${current}${word}` : `${current} ${word}`;
    if (displayWidth(candidate) <= width || current.trim() === '') {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = `${indent}${word}`;
  }
  lines.push(current);
  return lines;
}
