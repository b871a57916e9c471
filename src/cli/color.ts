// helm's colours (fatih/color through its coloroutput helpers): STATUS and NAMESPACE values and
// list headers, coloured for --color always, or auto on a terminal; never with NO_COLOR.
import { colorMode } from './global-flags.ts';

const reset = '\x1b[0m';
const statusColors: Record<string, string> = {
  deployed: '\x1b[32m', failed: '\x1b[31m', unknown: '\x1b[31m',
  'pending-install': '\x1b[33m', 'pending-upgrade': '\x1b[33m', 'pending-rollback': '\x1b[33m', uninstalling: '\x1b[33m',
};

/** Whether stdout gets colours: fatih/color's rule for "auto" (a terminal, not TERM=dumb). */
export function colorOutput(): boolean {
  const mode = colorMode();
  if (mode !== 'auto') return mode === 'always';
  return process.stdout.isTTY === true && process.env.TERM !== 'dumb';
}

export function colorStatus(status: string): string {
  const code = statusColors[status];
  return code && colorOutput() ? `${code}${status}${reset}` : status;
}

export function colorNamespace(namespace: string): string {
  return colorOutput() ? `\x1b[36m${namespace}${reset}` : namespace;
}

export function colorHeader(header: string): string {
  return colorOutput() ? `\x1b[1m${header}\x1b[22m` : header;
}
