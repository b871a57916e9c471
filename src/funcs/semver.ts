// Sprig's semver/semverCompare and semverSatisfies for Chart.yaml kubeVersion and
// dependency ranges, following Masterminds/semver v3 constraint rules: comparison
// operators, ~ and ^, x-ranges, hyphen ranges, "," / space for AND, "||" for OR, and
// prereleases only matching when their AND group names a prerelease.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';
import { SemverVersion } from './semver-version.ts';

export { SemverVersion } from './semver-version.ts';

const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = '(v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)';
const SINGLE = new RegExp(`^\\s*(${OPS})\\s*${CV}\\s*$`);
const FIND_EACH = new RegExp(`(${OPS})\\s*${CV}`, 'g');
const HYPHEN_RANGE = new RegExp(`\\s*${CV}\\s+-\\s+${CV}\\s*`, 'g');
const VALID_GROUP = new RegExp(`^(\\s*(${OPS})\\s*${CV}\\s*)((?:\\s+|,\\s*)(${OPS})\\s*${CV}\\s*)*$`);

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Bound {
  op: Op;
  version: SemverVersion;
  /** "1.x" / "1": minor and patch unspecified; "1.2.x" / "1.2": patch unspecified. */
  minorWild: boolean;
  patchWild: boolean;
  wild: boolean;
}

const isWild = (part: string | undefined) => part === 'x' || part === 'X' || part === '*';

function parseBound(text: string): Bound {
  const m = SINGLE.exec(text);
  if (!m) throw new Error(`improper constraint: ${text}`);
  const [, op, whole, major, minor = '', patch = '', pre = ''] = m;
  let normalized = whole;
  let minorWild = false;
  let patchWild = false;
  let wild = false;
  if (isWild(major)) {
    normalized = `0.0.0${pre}`;
    wild = true;
  } else if (minor === '' || isWild(minor.slice(1))) {
    normalized = `${major}.0.0${pre}`;
    wild = minorWild = true;
  } else if (patch === '' || isWild(patch.slice(1))) {
    normalized = `${major}${minor}.0${pre}`;
    wild = patchWild = true;
  }
  let version: SemverVersion;
  try {
    version = SemverVersion.parse(normalized);
  } catch {
    throw new Error('constraint parser error');
  }
  return { op: op as Op, version, minorWild, patchWild, wild };
}

function tilde(v: SemverVersion, b: Bound): boolean {
  const c = b.version;
  if (v.compare(c) < 0) return false;
  if (c.major === 0n && c.minor === 0n && c.patch === 0n && !b.minorWild && !b.patchWild) return true;
  if (v.major !== c.major) return false;
  return v.minor === c.minor || b.minorWild;
}

function caret(v: SemverVersion, b: Bound): boolean {
  const c = b.version;
  if (v.compare(c) < 0) return false;
  if (c.major > 0n || b.minorWild) return v.major === c.major;
  if (v.major > 0n) return false;
  if (c.minor > 0n || b.patchWild) return v.minor === c.minor;
  if (v.minor > 0n) return false;
  return v.patch === c.patch;
}

function notEqual(v: SemverVersion, b: Bound): boolean {
  const c = b.version;
  if (b.wild) {
    if (c.major !== v.major) return true;
    if (c.minor !== v.minor && !b.minorWild) return true;
    if (b.minorWild) return false;
    if (c.patch !== v.patch && !b.patchWild) return true;
    // Same major.minor under "!= 1.2.x": only a differing prerelease makes it unequal.
    if (b.patchWild) return v.prerelease !== c.prerelease;
  }
  return v.compare(c) !== 0;
}

function greaterThan(v: SemverVersion, b: Bound): boolean {
  const c = b.version;
  if (!b.wild) return v.compare(c) > 0;
  if (v.major !== c.major) return v.major > c.major;
  if (b.minorWild) return false;
  if (b.patchWild) return v.minor > c.minor;
  return v.compare(c) > 0;
}

function lessThanOrEqual(v: SemverVersion, b: Bound): boolean {
  const c = b.version;
  if (!b.wild) return v.compare(c) <= 0;
  if (v.major > c.major) return false;
  return !(v.major === c.major && v.minor > c.minor && !b.minorWild);
}

function check(v: SemverVersion, b: Bound, includePrerelease: boolean): boolean {
  if (v.prerelease !== '' && !includePrerelease) return false;
  switch (b.op) {
    case '': case '=': return b.wild ? tilde(v, b) : v.compare(b.version) === 0;
    case '!=': return notEqual(v, b);
    case '>': return greaterThan(v, b);
    case '<': return v.compare(b.version) < 0;
    case '>=': case '=>': return v.compare(b.version) >= 0;
    case '<=': case '=<': return lessThanOrEqual(v, b);
    case '~': case '~>': return tilde(v, b);
    case '^': return caret(v, b);
  }
}

/** "1.2 - 1.4.5" becomes ">= 1.2, <= 1.4.5 " (the first occurrence of each match text). */
function rewriteHyphenRanges(text: string): string {
  let out = text;
  for (const m of text.matchAll(HYPHEN_RANGE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

export class SemverConstraint {
  private readonly groups: { bounds: Bound[]; hasPrerelease: boolean }[];

  constructor(text: string) {
    this.groups = rewriteHyphenRanges(text).split('||').map((segment) => {
      if (!VALID_GROUP.test(segment)) throw new Error(`improper constraint: ${segment}`);
      const parts = Array.from(segment.matchAll(FIND_EACH), (m) => m[0]);
      const bounds = (parts.length > 0 ? parts : [segment]).map(parseBound);
      return { bounds, hasPrerelease: bounds.some((b) => b.version.prerelease !== '') };
    });
  }

  check(v: SemverVersion): boolean {
    return this.groups.some((g) => g.bounds.every((b) => check(v, b, g.hasPrerelease)));
  }
}

/**
 * True when `version` satisfies `constraint` (Masterminds/semver v3 rules). Throws an
 * Error naming the bad constraint or version when either cannot be parsed.
 */
export function semverSatisfies(constraint: string, version: string): boolean {
  let parsed: SemverConstraint;
  try {
    parsed = new SemverConstraint(constraint);
  } catch (err) {
    throw new Error(`invalid semver constraint "${constraint}": ${(err as Error).message}`);
  }
  let v: SemverVersion;
  try {
    v = SemverVersion.parse(version);
  } catch (err) {
    throw new Error(`invalid semantic version "${version}": ${(err as Error).message}`);
  }
  return parsed.check(v);
}

export const semverFunctions: Record<string, GoFunc> = {
  semver: goFunc('semver', (v) => SemverVersion.parse(expectString('semver', v))),
  semverCompare: goFunc('semverCompare', (constraint, version) => {
    const c = new SemverConstraint(expectString('semverCompare', constraint));
    return c.check(SemverVersion.parse(expectString('semverCompare', version)));
  }),
};
