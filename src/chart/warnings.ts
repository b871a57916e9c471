// Warnings raised while coalescing values and processing dependencies. Helm 4 prints them
// on stderr through slog's text handler: `level=WARN msg="returned non-bool value" chart=x`.

export type ChartWarn = (level: 'INFO' | 'WARN', message: string, attrs?: Record<string, string>) => void;

/** slog's text format for one record (without its time, which helm's CLI handler omits). */
export function formatSlogLine(level: string, message: string, attrs: Record<string, string> = {}): string {
  const quote = (v: string) => (v === '' || /[\s"=\\]|[^\x21-\x7e]/.test(v) ? JSON.stringify(v) : v);
  const fields = Object.entries(attrs).map(([k, v]) => ` ${k}=${quote(v)}`).join('');
  return `level=${level} msg=${quote(message)}${fields}`;
}

export const warnToStderr: ChartWarn = (level, message, attrs) => {
  process.stderr.write(`${formatSlogLine(level, message, attrs)}\n`);
};

/** helm's install, upgrade and template warn (never fail) on a chart marked `deprecated: true`. */
export function warnIfDeprecated(chart: { metadata: { deprecated: boolean } }, warn: ChartWarn = warnToStderr): void {
  if (chart.metadata.deprecated) warn('WARN', 'this chart is deprecated');
}
