// Helm's table output (gosuri/uitable as Helm 4 configures it): every cell padded to its column's
// widest cell, cells joined by a tab. A multi-line cell is as wide as its widest line, and its
// whole text is cut to that width with "..." (so it stays on one line).
// Colour codes take no room on the screen: widths count the visible text only.
const ansi = /\x1b\[[0-9;]*m/g;
const visible = (text: string) => text.replace(ansi, '').length;

function cellWidth(cell: string): number {
  return Math.max(...cell.split('\n').map(visible));
}

function fitCell(cell: string): string {
  const width = cellWidth(cell);
  return visible(cell) > width ? `${cell.slice(0, width - 3)}...` : cell;
}

export function formatTable(rows: string[][]): string {
  const cells = rows.map((r) => r.map(fitCell));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, visible(c)); });
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - visible(c))).join('\t')).join('\n') + '\n';
}
