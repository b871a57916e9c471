// Exact decimal arithmetic as shopspring/decimal does it for Sprig's addf, subf, mulf
// and divf: operands start from their shortest float text, division keeps 16 places.
import { formatFloat } from '../gofmt/fmt.ts';

/** coefficient × 10^exponent */
interface Decimal { coefficient: bigint; exponent: number }

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: the shortest decimal that reads back as f. */
export function decimalFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${formatFloat(f, 'g', -1)}`);
  const [mantissa, exp] = formatFloat(f, 'e', -1).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  return { coefficient: BigInt(whole + fraction), exponent: Number(exp) - fraction.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exponent = Math.min(a.exponent, b.exponent);
  return [
    a.coefficient * 10n ** BigInt(a.exponent - exponent),
    b.coefficient * 10n ** BigInt(b.exponent - exponent),
    exponent,
  ];
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return { coefficient: x + y, exponent };
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exponent] = align(a, b);
  return { coefficient: x - y, exponent };
}

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coefficient: a.coefficient * b.coefficient, exponent: a.exponent + b.exponent };
}

/** Decimal.Div: the quotient rounded half away from zero to 16 decimal places. */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coefficient === 0n) throw new Error('decimal division by 0');
  // a/b × 10^16 = (ca × 10^(ea - eb + 16)) / cb
  const shift = a.exponent - b.exponent + DIVISION_PRECISION;
  let numerator = a.coefficient;
  let denominator = b.coefficient;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if (2n * (n % d) >= d) q++;
  return { coefficient: negative ? -q : q, exponent: -DIVISION_PRECISION };
}

/** Decimal.Float64: the nearest float64 to the exact decimal. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.coefficient}e${d.exponent}`);
}
