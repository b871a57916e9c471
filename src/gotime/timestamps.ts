// Timestamps as Go's encoding/json writes a time.Time (release records, OCI annotations): RFC 3339
// with up to nine fractional digits, trailing zeros dropped, "Z" for UTC, from a nanosecond clock.

// Taken at the first reading, not when the module loads: the executable's start-up snapshot
// evaluates modules on the build machine.
let start: { wallNanos: bigint; monotonic: bigint } | undefined;

/** Nanoseconds since the Unix epoch: wall clock at the first reading plus monotonic time elapsed since. */
export function nowNanos(): bigint {
  start ??= { wallNanos: BigInt(Date.now()) * 1_000_000n, monotonic: process.hrtime.bigint() };
  return start.wallNanos + (process.hrtime.bigint() - start.monotonic);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats epoch nanoseconds in the process's local zone as Go's time.RFC3339Nano. */
export function formatRfc3339Nano(epochNanos: bigint): string {
  const ms = Number(epochNanos / 1_000_000n);
  const date = new Date(ms);
  const offsetMin = -date.getTimezoneOffset();
  const local = new Date(ms + offsetMin * 60_000);
  const nanos = Number(((epochNanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n);
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  const zone = offsetMin === 0
    ? 'Z'
    : `${offsetMin > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zone}`;
}

export function timestampNow(): string {
  return formatRfc3339Nano(nowNanos());
}
