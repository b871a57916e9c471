// Helm's table output (gosuri/uitable as Helm 4 configures it): every cell padded to its column's
// widest cell, cells joined by a tab. A multi-line cell is as wide as its widest line, and its
// whole text is cut to that width with "..." (so it stays on one line).
function cellWidth(cell: string): number {
  return Math.max(...cell.split('\n').map((line) => line.length));
}

function fitCell(cell: string): string {
  const width = cellWidth(cell);
  return cell.length > width ? `${cell.slice(0, width - 3)}...` : cell;
}

export function formatTable(rows: string[][]): string {
  const cells = rows.map((r) => r.map(fitCell));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('\t')).join('\n') + '\n';
}
