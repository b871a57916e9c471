// Masterminds/semver v3 versions: loose parsing (NewVersion), precedence comparison,
// and the *semver.Version object templates get from `semver`.
import { GoInteger, goFunc, type GoFunc, type GoObject, type GoValue } from '../govalue/types.ts';

const UINT64_MAX = (1n << 64n) - 1n;
const VERSION_PATTERN =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function parseSegment(digits: string): bigint {
  const value = BigInt(digits);
  if (value > UINT64_MAX) {
    throw new Error(`error parsing version segment: strconv.ParseUint: parsing "${digits}": value out of range`);
  }
  return value;
}

function validateIdentifiers(part: string, isPrerelease: boolean): void {
  for (const id of part.split('.')) {
    if (isPrerelease && /^[0-9]*$/.test(id)) {
      if (id.length > 1 && id[0] === '0') throw new Error('version segment starts with 0');
    } else if (!/^[0-9A-Za-z-]*$/.test(id)) {
      throw new Error(isPrerelease ? 'invalid prerelease string' : 'invalid metadata string');
    }
  }
}

// Methods Go declares on *Version; a Version value (what IncMajor, SetPrerelease... return)
// is not addressable in a template, so these are missing from it.
const POINTER_METHODS = new Set(['Original', 'Compare', 'LessThan', 'GreaterThan', 'Equal']);

export class SemverVersion implements GoObject {
  readonly goType: '*semver.Version' | 'semver.Version';
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: string;
  readonly metadata: string;
  readonly original: string;

  constructor(
    major: bigint, minor: bigint, patch: bigint, prerelease: string, metadata: string, original: string,
    isPointer = true,
  ) {
    this.goType = isPointer ? '*semver.Version' : 'semver.Version';
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease;
    this.metadata = metadata;
    this.original = original;
  }

  /** semver.NewVersion: accepts a leading "v" and missing minor/patch ("1.2" is 1.2.0). */
  static parse(text: string): SemverVersion {
    const m = VERSION_PATTERN.exec(text);
    if (!m) throw new Error('invalid semantic version');
    const major = parseSegment(m[1]);
    const minor = m[2] ? parseSegment(m[2].slice(1)) : 0n;
    const patch = m[3] ? parseSegment(m[3].slice(1)) : 0n;
    const prerelease = m[5] ?? '';
    const metadata = m[8] ?? '';
    if (prerelease) validateIdentifiers(prerelease, true);
    if (metadata) validateIdentifiers(metadata, false);
    return new SemverVersion(major, minor, patch, prerelease, metadata, text);
  }

  /** parse, or undefined where the text is no version (for lists that skip such entries). */
  static tryParse(text: string): SemverVersion | undefined {
    try {
      return SemverVersion.parse(text);
    } catch {
      return undefined;
    }
  }

  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}` +
      (this.prerelease ? `-${this.prerelease}` : '') + (this.metadata ? `+${this.metadata}` : '');
  }

  /** -1, 0 or 1 by semver precedence; metadata is ignored, a prerelease sorts first. */
  compare(other: SemverVersion): number {
    for (const [a, b] of [[this.major, other.major], [this.minor, other.minor], [this.patch, other.patch]]) {
      if (a !== b) return a < b ? -1 : 1;
    }
    if (this.prerelease === other.prerelease) return 0;
    if (this.prerelease === '') return 1;
    if (other.prerelease === '') return -1;
    return comparePrerelease(this.prerelease, other.prerelease);
  }

  /** Same version with the "v" prefix kept in Original, as the Inc* methods do. */
  private derived(major: bigint, minor: bigint, patch: bigint, prerelease: string, metadata: string): SemverVersion {
    const bare = new SemverVersion(major, minor, patch, prerelease, metadata, '');
    const prefix = this.original.startsWith('v') ? 'v' : '';
    return new SemverVersion(major, minor, patch, prerelease, metadata, prefix + bare.toString(), false);
  }

  field(): GoValue | undefined {
    return undefined;
  }

  method(name: string): GoFunc | undefined {
    if (this.goType === 'semver.Version' && POINTER_METHODS.has(name)) return undefined;
    const other = (v: GoValue): SemverVersion => {
      if (!(v instanceof SemverVersion) || v.goType !== '*semver.Version') {
        throw new Error(`${name}: expected a *semver.Version argument (from the semver function)`);
      }
      return v;
    };
    const uint64 = (n: bigint) => new GoInteger('uint64', n);
    const text = (s: unknown): string => {
      if (typeof s !== 'string') throw new Error(`${name}: expected a string argument`);
      return s;
    };
    switch (name) {
      case 'Major': return goFunc(name, () => uint64(this.major));
      case 'Minor': return goFunc(name, () => uint64(this.minor));
      case 'Patch': return goFunc(name, () => uint64(this.patch));
      case 'Prerelease': return goFunc(name, () => this.prerelease);
      case 'Metadata': return goFunc(name, () => this.metadata);
      case 'Original': return goFunc(name, () => this.original);
      case 'String': return goFunc(name, () => this.toString());
      case 'Compare': return goFunc(name, (o) => BigInt(this.compare(other(o))));
      case 'LessThan': return goFunc(name, (o) => this.compare(other(o)) < 0);
      case 'GreaterThan': return goFunc(name, (o) => this.compare(other(o)) > 0);
      case 'Equal': return goFunc(name, (o) => this.compare(other(o)) === 0);
      case 'IncMajor': return goFunc(name, () => this.derived(this.major + 1n, 0n, 0n, '', ''));
      case 'IncMinor': return goFunc(name, () => this.derived(this.major, this.minor + 1n, 0n, '', ''));
      case 'IncPatch': return goFunc(name, () =>
        this.derived(this.major, this.minor, this.prerelease ? this.patch : this.patch + 1n, '', ''));
      case 'SetPrerelease': return goFunc(name, (p) => {
        const pre = text(p);
        if (pre) validateIdentifiers(pre, true);
        return this.derived(this.major, this.minor, this.patch, pre, this.metadata);
      });
      case 'SetMetadata': return goFunc(name, (m) => {
        const meta = text(m);
        if (meta) validateIdentifiers(meta, false);
        return this.derived(this.major, this.minor, this.patch, this.prerelease, meta);
      });
      default: return undefined;
    }
  }

  format(): string {
    return this.toString();
  }
}

function isUint64(s: string): boolean {
  return /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
}

/** Dot-separated identifiers: numbers compare numerically and sort before words. */
function comparePrerelease(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const d = comparePrereleasePart(left[i] ?? '', right[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function comparePrereleasePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = isUint64(s);
  const oNum = isUint64(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}
