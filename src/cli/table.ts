// Helm's table output (gosuri/uitable as Helm 4 configures it): every cell padded to its column's
// widest cell, cells joined by a tab, cells wider than the limit cut with "...".
export function formatTable(rows: string[][], maxColWidth = Infinity): string {
  const cut = (cell: string) => (cell.length > maxColWidth ? `${cell.slice(0, maxColWidth - 3)}...` : cell);
  const cells = rows.map((r) => r.map(cut));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('\t')).join('\n') + '\n';
}
