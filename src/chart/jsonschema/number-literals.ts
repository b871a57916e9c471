// The source text of each number in a JSON document, by JSON pointer. Go keeps a schema's numbers
// as json.Number and prints enum and const values as written ("1.0", "1e3"); this recovers that
// text for a message, so it runs only on a failure's path.

const WS = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function numberLiterals(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    pos = re.lastIndex;
    return m[0];
  };
  const escape = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
  const value = (ptr: string): void => {
    match(WS);
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      for (;;) {
        match(WS);
        if (text[pos] === '}') break;
        const key = JSON.parse(match(STRING) ?? '""') as string;
        match(WS);
        pos++; // ':'
        value(`${ptr}/${escape(key)}`);
        match(WS);
        if (text[pos++] !== ',') break;
      }
      if (text[pos - 1] !== '}') pos++;
    } else if (ch === '[') {
      pos++;
      for (let i = 0; ; i++) {
        match(WS);
        if (text[pos] === ']') break;
        value(`${ptr}/${i}`);
        match(WS);
        if (text[pos++] !== ',') break;
      }
      if (text[pos - 1] !== ']') pos++;
    } else if (ch === '"') match(STRING);
    else {
      const n = match(NUMBER);
      if (n !== undefined) out.set(ptr, n);
      else pos += text.startsWith('null', pos) || text.startsWith('true', pos) ? 4 : 5;
    }
  };
  value('');
  return out;
}
