// The Go value model shared by the template engine, the template functions and the
// YAML/JSON codecs. Templates must keep the Go distinctions that show in output
// (float64 vs int, nil, typed slices), so every value crossing those layers is a GoValue.
//
//   Go type                     JS representation
//   float64                     number
//   int                         bigint
//   int64, int32, uint, ...     GoInteger (kind + bigint)
//   string                      string
//   bool                        boolean
//   nil (any nil interface)     null
//   []interface{}               Array (no elemType mark)
//   []string, []int, ...        Array marked with markSliceType(arr, 'string')
//   []byte                      Uint8Array
//   map[string]interface{}      plain object (Object.prototype or null prototype)
//   time.Time                   GoTime
//   structs / objects w/ methods GoObject (class instance implementing the interface)
//   func                        GoFunc

/** Integer kinds other than plain `int`, which is a bare bigint. */
export type IntegerKind =
  | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

export class GoInteger {
  readonly kind: IntegerKind;
  readonly value: bigint;
  constructor(kind: IntegerKind, value: bigint) {
    this.kind = kind;
    this.value = value;
  }
}

/** A Go time.Time: an instant in nanoseconds since the Unix epoch plus a location. */
export class GoTime {
  readonly epochNanos: bigint;
  /** IANA zone name ("UTC", "Local" resolved to the process TZ, "America/New_York"). */
  readonly location: string;
  constructor(epochNanos: bigint, location: string) {
    this.epochNanos = epochNanos;
    this.location = location;
  }
}

/**
 * A Go struct or named type with fields and methods (.Release, .Chart in Helm 3,
 * .Capabilities, .Files, semver versions). The executor resolves `.Name` by asking
 * field() first, then method(); both return undefined when absent.
 */
export interface GoObject {
  readonly goType: string; // as %T prints it, e.g. "*chartutil.Capabilities"
  field(name: string): GoValue | undefined;
  method(name: string): GoFunc | undefined;
  /** Go's %v rendering of the object, e.g. "{a 1}" or the String() method's result. */
  format(): string;
  /**
   * What a template action prints for the object when that differs from format(): text/template
   * reaches it through a pointer, so a String method with a pointer receiver applies, while a
   * function is handed a copy, which fmt prints field by field.
   */
  printed?(): string;
  /**
   * For a struct that fmt prints field by field (no String method it can reach): the field
   * values in declaration order, each printed with the verb; a goType with "*" adds the "&".
   */
  structFields?(): readonly GoValue[];
}

/**
 * A callable. Returns a value or throws Error; Go's (value, error) pair becomes
 * return-or-throw. `variadic` and `arity` let the executor check argument counts
 * the way Go reports them.
 */
export interface GoFunc {
  readonly goFunc: true;
  readonly name: string;
  readonly arity: number; // fixed parameters (excluding the variadic tail)
  readonly variadic: boolean;
  call(args: GoValue[]): GoValue;
}

export type GoMap = { [key: string]: GoValue };

export type GoValue =
  | number
  | bigint
  | GoInteger
  | string
  | boolean
  | null
  | GoValue[]
  | Uint8Array
  | GoMap
  | GoTime
  | GoObject
  | GoFunc;

const SLICE_TYPE = Symbol('hookline.sliceElemType');

/** Marks an array as a typed Go slice (e.g. []string) so typeOf/%T can tell. */
export function markSliceType<T extends GoValue[]>(arr: T, elemType: string): T {
  Object.defineProperty(arr, SLICE_TYPE, { value: elemType, enumerable: false });
  return arr;
}

/** "interface {}" for plain arrays, otherwise the element type given to markSliceType. */
export function sliceElemType(arr: GoValue[]): string {
  return (arr as unknown as Record<symbol, string | undefined>)[SLICE_TYPE] ?? 'interface {}';
}

const SLICE_NAME = Symbol('hookline.namedSliceType');
type NamedSliceType = { name: string; methods: Record<string, GoFunc> };

/** Gives a typed slice a Go type name with methods, as `type VersionSet []string` with its Has. */
export function markNamedSlice<T extends GoValue[]>(arr: T, elemType: string, name: string, methods: Record<string, GoFunc>): T {
  Object.defineProperty(arr, SLICE_NAME, { value: { name, methods } satisfies NamedSliceType, enumerable: false });
  return markSliceType(arr, elemType);
}

const namedSliceType = (arr: GoValue[]) => (arr as unknown as Record<symbol, NamedSliceType | undefined>)[SLICE_NAME];

/** The slice's Go type as %T prints it: its name when it has one, else []elem. */
export function sliceTypeName(arr: GoValue[]): string {
  return namedSliceType(arr)?.name ?? `[]${sliceElemType(arr)}`;
}

/** A part of a slice (Go's s[i:j]), which keeps the slice's element type and type name. */
export function subslice<T extends GoValue[]>(arr: T, start: number, end: number): GoValue[] {
  const part = arr.slice(start, end);
  const named = namedSliceType(arr);
  if (named) Object.defineProperty(part, SLICE_NAME, { value: named, enumerable: false });
  return markSliceType(part, sliceElemType(arr));
}

/** A method of a named slice type, or undefined. */
export function sliceMethod(arr: GoValue[], name: string): GoFunc | undefined {
  const named = namedSliceType(arr);
  return named && Object.hasOwn(named.methods, name) ? named.methods[name] : undefined;
}

export function isGoMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isGoObject(v: unknown): v is GoObject {
  return typeof v === 'object' && v !== null && typeof (v as GoObject).field === 'function' &&
    typeof (v as GoObject).goType === 'string';
}

export function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === 'object' && v !== null && (v as GoFunc).goFunc === true;
}

/** Builds a GoFunc from a JS function; arity defaults to the function's declared length. */
export function goFunc(
  name: string,
  fn: (...args: GoValue[]) => GoValue,
  opts: { arity?: number; variadic?: boolean } = {},
): GoFunc {
  return {
    goFunc: true,
    name,
    arity: opts.arity ?? fn.length,
    variadic: opts.variadic ?? false,
    call: (args) => fn(...args),
  };
}
