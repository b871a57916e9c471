// Go time layout elements ("2006", "Jan", "Z07:00", ".000", ...): the tables and the
// scanner (Go's nextStdChunk) shared by time formatting and parsing.

export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));
export const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
export const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));

export type Std =
  | 'January' | 'Jan' | '1' | '01' | 'Monday' | 'Mon' | '2' | '_2' | '02' | '__2' | '002'
  | '15' | '3' | '03' | '4' | '04' | '5' | '05' | '2006' | '06' | 'PM' | 'pm' | 'MST'
  | 'Z0700' | 'Z070000' | 'Z07' | 'Z07:00' | 'Z07:00:00' | '-0700' | '-070000' | '-07' | '-07:00' | '-07:00:00'
  | 'frac0' | 'frac9';

export interface Chunk {
  prefix: string;
  std?: Std;
  /** The layout text of the element, e.g. ".000". */
  text: string;
  /** For fractional seconds: digit count and separator. */
  digits: number;
  separator: string;
  suffix: string;
}

const ZONE_ELEMENTS: Std[] = ['-070000', '-07:00:00', '-0700', '-07:00', '-07', 'Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];
export const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';
const startsLower = (s: string) => s.length > 0 && s[0] >= 'a' && s[0] <= 'z';

/** Go's nextStdChunk: the text before the first layout element, the element, and the rest. */
export function nextChunk(layout: string): Chunk {
  const found = (i: number, std: Std, length: number, prefixEnd = i): Chunk => ({
    prefix: layout.slice(0, prefixEnd), std, text: layout.slice(prefixEnd, i + length), digits: 0, separator: '.',
    suffix: layout.slice(i + length),
  });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return found(i, 'January', 7);
        if (rest.startsWith('Jan') && !startsLower(rest.slice(3))) return found(i, 'Jan', 3);
        break;
      case 'M':
        if (rest.startsWith('Monday')) return found(i, 'Monday', 6);
        if (rest.startsWith('Mon') && !startsLower(rest.slice(3))) return found(i, 'Mon', 3);
        if (rest.startsWith('MST')) return found(i, 'MST', 3);
        break;
      case '0':
        if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') {
          return found(i, (['01', '02', '03', '04', '05', '06'] as const)[Number(rest[1]) - 1], 2);
        }
        if (rest.startsWith('002')) return found(i, '002', 3);
        break;
      case '1':
        return rest.startsWith('15') ? found(i, '15', 2) : found(i, '1', 1);
      case '2':
        return rest.startsWith('2006') ? found(i, '2006', 4) : found(i, '2', 1);
      case '_':
        if (rest.startsWith('_2')) {
          if (rest.startsWith('_2006')) return found(i + 1, '2006', 4, i + 1);
          return found(i, '_2', 2);
        }
        if (rest.startsWith('__2')) return found(i, '__2', 3);
        break;
      case '3': return found(i, '3', 1);
      case '4': return found(i, '4', 1);
      case '5': return found(i, '5', 1);
      case 'P':
        if (rest.startsWith('PM')) return found(i, 'PM', 2);
        break;
      case 'p':
        if (rest.startsWith('pm')) return found(i, 'pm', 2);
        break;
      case '-':
      case 'Z': {
        const zone = ZONE_ELEMENTS.find((z) => z[0] === layout[i] && rest.startsWith(z));
        if (zone) return found(i, zone, zone.length);
        break;
      }
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === rest[1]) j++;
          if (!isDigitAt(layout, j)) {
            return {
              prefix: layout.slice(0, i), std: rest[1] === '0' ? 'frac0' : 'frac9', text: layout.slice(i, j),
              digits: j - i - 1, separator: layout[i], suffix: layout.slice(j),
            };
          }
        }
        break;
    }
  }
  return { prefix: layout, text: '', digits: 0, separator: '.', suffix: '' };
}
