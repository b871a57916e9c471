// Numbers as santhosh-tekuri/jsonschema sees them: every number is the exact rational of its
// printed form (fmt "%v"), so 0.3 is a multiple of 0.1 and an int64 beyond 2^53 keeps its value.
import { GoInteger } from '../../govalue/types.ts';

/** A number of the instance or the schema: a float64 (JS number) or an integer (bigint / int64). */
export type JsonNumber = number | bigint | GoInteger;

export function isJsonNumber(v: unknown): v is JsonNumber {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof GoInteger;
}

interface Rational { num: bigint; den: bigint }

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The exact value of a float's shortest decimal form (what Go's big.Rat.SetString reads). */
function rational(n: JsonNumber): Rational {
  if (typeof n === 'bigint') return { num: n, den: 1n };
  if (n instanceof GoInteger) return { num: n.value, den: 1n };
  const m = DECIMAL.exec(String(n));
  if (!m) throw new Error(`jsonschema: number ${n} has no rational value`);
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0) - fraction.length;
  let num = BigInt(m[2] + fraction);
  let den = 1n;
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den = 10n ** BigInt(-exponent);
  return { num: m[1] === '-' ? -num : num, den };
}

/** Sign of a - b. */
export function compareNumbers(a: JsonNumber, b: JsonNumber): number {
  // Shortest decimal forms order as the floats do, so floats compare directly.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = rational(a);
  const y = rational(b);
  const d = x.num * y.den - y.num * x.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function numbersEqual(a: JsonNumber, b: JsonNumber): boolean {
  return compareNumbers(a, b) === 0;
}

/** Whether value / divisor is an integer, exactly. */
export function isMultipleOf(value: JsonNumber, divisor: JsonNumber): boolean {
  if (typeof value === 'number' && typeof divisor === 'number' && Number.isSafeInteger(value) && Number.isSafeInteger(divisor) && divisor !== 0) {
    return value % divisor === 0;
  }
  const x = rational(value);
  const y = rational(divisor);
  const den = x.den * y.num;
  if (den === 0n) return false;
  return (x.num * y.den) % den === 0n;
}

export function isIntegral(n: JsonNumber): boolean {
  return typeof n === 'number' ? Number.isInteger(n) : true;
}

/** big.Rat.Float64 of the number. */
export function jsonNumberFloat(n: JsonNumber): number {
  return typeof n === 'number' ? n : Number(n instanceof GoInteger ? n.value : n);
}

/** A number from values.schema.json as Go prints its json.Number (its literal; JS's shortest form here). */
export function schemaNumberText(n: JsonNumber): string {
  return typeof n === 'number' ? String(n) : String(n instanceof GoInteger ? n.value : n);
}

/** A keyword's integer value (minLength, maxItems...), or undefined when it is not an integral number. */
export function integerKeyword(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
