// Helm 4.1.4's wording of template errors: parse errors and required/fail messages cut down
// to their location and message (pkg/engine cleanup*Error), and executor errors re-laid as
// an indented trace. The trace rules were read off the reference helm's output.
import { userErrorMessage } from '../funcs/helm.ts';

/** A chart template that failed to parse or execute; the message is what helm prints after "Error: ". */
export class RenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RenderError';
  }
}

export function parseErrorOf(fileName: string, err: Error): RenderError {
  const tokens = err.message.split(': ');
  if (tokens.length === 1) return new RenderError(`parse error in (${fileName}): ${err.message}`, { cause: err });
  return new RenderError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, { cause: err });
}

export function execErrorOf(fileName: string, err: Error): RenderError {
  const text = err.message;
  if (!text.startsWith('template: ')) return new RenderError(text, { cause: err });
  const firstSep = text.indexOf(': ', 'template: '.length);
  if (firstSep < 0) return new RenderError(`execution error in (${fileName}): ${text}`, { cause: err });
  const location = text.slice('template: '.length, firstSep);
  const userMessage = userErrorMessage(text.slice(firstSep + 2));
  if (userMessage !== undefined) return new RenderError(`execution error at (${location}): ${userMessage}`, { cause: err });
  return new RenderError(traceOf(text) ?? text, { cause: err });
}

// One frame of Go's exec error chain: `template: LOC: executing "NAME" at <NODE>: `.
const framePattern = /^template: ([^\s:]+:\d+(?::\d+)?): executing ("(?:[^"\\]|\\.)*") at <(.*?)>: /s;
const includeCall = 'error calling include: ';

/**
 * Helm 4 lays out errors raised by the executor itself (nil pointers, bad fields, argument
 * counts, missing templates reached through include) as an indented trace; errors that a
 * function returned keep Go's one-line chain. Undefined for the latter.
 */
function traceOf(text: string): string | undefined {
  const lines: string[] = [];
  let rest = text;
  for (;;) {
    const frame = framePattern.exec(rest);
    if (!frame) return undefined;
    lines.push(frame[1], `  executing ${frame[2]} at <${frame[3]}>:`);
    rest = rest.slice(frame[0].length);
    if (!rest.startsWith(includeCall)) break;
    lines.push(`    ${includeCall.trimEnd()}`);
    rest = rest.slice(includeCall.length);
    if (framePattern.test(rest)) continue;
    if (!rest.startsWith('template: ')) return undefined;
    lines.push(rest);
    return lines.join('\n');
  }
  if (rest.startsWith('error calling ')) return undefined;
  lines.push(`    ${rest}`);
  return lines.join('\n');
}
