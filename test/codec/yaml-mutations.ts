// Broken YAML made from valid YAML: seeded, repeatable edits of the kinds that break
// templates' output (indentation lost or added, stray indicators, quotes and brackets left
// open, tabs, block scalars indented wrong, lines cut, joined or repeated).
import { seededRandom } from '../support/seeded-random.ts';

const STRAYS = [':', ': ', '-', '- ', '[', ']', '{', '}', '"', "'", '\t', '|', '>', '&', '*', '!', '%', '@', '`', '#', '?', '? ', ',', ' #', '&a ', '*a', '!!int ', '!x!', '\\', '"\\q', ': |', '---', '...'];
const BLOCKS = ['k: |\n', 'k: >-\n', 'k: |2\n', 'k: |-\n', '- |\n', 'k: |0\n', 'k: |+ # c\n', 'k: | x\n'];

type Mutation = (lines: string[], pick: (n: number) => number) => string[];

const lineAt = (lines: string[], pick: (n: number) => number) => pick(Math.max(lines.length, 1));

const mutations: Mutation[] = [
  // Indentation taken away or added on one line.
  (lines, pick) => { const i = lineAt(lines, pick); lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, ''); return lines; },
  (lines, pick) => { const i = lineAt(lines, pick); lines[i] = ' '.repeat(1 + pick(3)) + (lines[i] ?? ''); return lines; },
  // Indentation changed for a run of lines, as a wrong nindent gives.
  (lines, pick) => {
    const i = lineAt(lines, pick);
    const shift = pick(5) - 2;
    for (let k = i; k < Math.min(lines.length, i + 1 + pick(6)); k++) lines[k] = shift >= 0 ? ' '.repeat(shift) + lines[k] : lines[k].replace(new RegExp(`^ {0,${-shift}}`), '');
    return lines;
  },
  // A stray indicator somewhere in a line.
  (lines, pick) => {
    const i = lineAt(lines, pick);
    const line = lines[i] ?? '';
    const at = pick(line.length + 1);
    lines[i] = line.slice(0, at) + STRAYS[pick(STRAYS.length)] + line.slice(at);
    return lines;
  },
  // A tab where the indentation was.
  (lines, pick) => { const i = lineAt(lines, pick); lines[i] = (lines[i] ?? '').replace(/^( *)/, (m) => (m.length > 0 ? `${m.slice(1)}\t` : '\t')); return lines; },
  // A line lost, repeated, or joined to the next.
  (lines, pick) => { lines.splice(lineAt(lines, pick), 1); return lines; },
  (lines, pick) => { const i = lineAt(lines, pick); lines.splice(i, 0, ' '.repeat(pick(4)) + (lines[pick(lines.length)] ?? '').trimStart()); return lines; },
  (lines, pick) => { const i = lineAt(lines, pick); if (i + 1 < lines.length) lines.splice(i, 2, `${lines[i]} ${lines[i + 1].trimStart()}`); return lines; },
  // The text cut off mid-line.
  (lines, pick) => { const text = lines.join('\n'); return text.slice(0, pick(text.length + 1)).split('\n'); },
  // A block scalar whose lines are indented wrong.
  (lines, pick) => {
    const i = lineAt(lines, pick);
    const indent = ' '.repeat(pick(3) * 2);
    const body = ['  x', ' y', '\tz', '', '    w', 'v'].slice(pick(4), 2 + pick(5)).map((l) => indent + l);
    lines.splice(i, 0, indent + BLOCKS[pick(BLOCKS.length)].trimEnd(), ...body);
    return lines;
  },
  // A key repeated with its value moved onto the wrong line.
  (lines, pick) => { const i = lineAt(lines, pick); lines[i] = (lines[i] ?? '').replace(/: /, ':\n'); return lines.join('\n').split('\n'); },
];

/** `count` broken variants of `text`, each with one to three edits. */
export function mutate(text: string, seed: number, count: number): string[] {
  const rnd = seededRandom(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let lines = text.split('\n');
    for (let edits = 1 + pick(3); edits > 0; edits--) lines = mutations[pick(mutations.length)](lines, pick);
    out.push(lines.join('\n'));
  }
  return out;
}
