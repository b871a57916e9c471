// Trip-wires for the executable's start-up snapshot (scripts/snapshot-entry.ts): while the
// modules it holds are evaluated, every read of state that belongs to a run — arguments,
// environment, working directory, the clock, the local zone, random numbers, the host, the
// terminal, files — made by the bundle's own code (not by Node's internals) is recorded with
// its stack, so that building fails instead of freezing the build machine's values into every
// run of the executable.
type Undo = () => void;
type Owner = Record<string, unknown>;
// The modules' own export objects, which the bundle's code calls into (an import namespace would be a copy).
const builtin = (name: string) => process.getBuiltinModule(name) as Owner;

/** What was read, where: one entry per read, its description and the first frames of its stack. */
export interface StateGuard { stop(): string[] }

/** `allowed`: descriptions of reads known to be harmless (see the caller's reasons). */
export function watchRunTimeState(allowed: ReadonlySet<string>): StateGuard {
  const reads: string[] = [];
  let watching = true;
  const note = (what: string) => {
    if (!watching || allowed.has(what)) return;
    // Error, note, the trip-wire, then the reader.
    const frames = (new Error().stack ?? '').split('\n').slice(3);
    if (frames.length === 0 || /\(node:|at node:/.test(frames[0])) return;
    reads.push(`${what}\n${frames.slice(0, 8).join('\n')}`);
  };
  const undo: Undo[] = [];

  const wrapFunctions = (owner: Owner, label: string, names: string[]) => {
    for (const name of names) {
      const original = owner[name];
      const own = Object.getOwnPropertyDescriptor(owner, name);
      if (typeof original !== 'function' || own?.configurable === false) continue;
      const wrapper = function (this: unknown, ...args: unknown[]) {
        note(`${label}.${name}()`);
        return Reflect.apply(original, this, args);
      };
      // Functions hung on the function (process.hrtime.bigint) stay reachable.
      for (const key of Object.keys(original)) Object.defineProperty(wrapper, key, Object.getOwnPropertyDescriptor(original, key)!);
      // An own property even where the function is inherited (webcrypto's are on its prototype).
      Object.defineProperty(owner, name, { value: wrapper, writable: true, configurable: true, enumerable: own?.enumerable ?? false });
      undo.push(() => (own ? Object.defineProperty(owner, name, own) : delete owner[name]));
    }
  };
  const wrapAccessors = (owner: object, label: string, names: string[]) => {
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(owner, name);
      if (!descriptor?.configurable) continue;
      const read = descriptor.get ?? (() => descriptor.value);
      Object.defineProperty(owner, name, {
        configurable: true, enumerable: descriptor.enumerable,
        get() { note(`${label}.${name}`); return read.call(this); },
        set(value: unknown) { Object.defineProperty(owner, name, { ...descriptor, value }); },
      });
      undo.push(() => Object.defineProperty(owner, name, descriptor));
    }
  };

  const env = process.env;
  process.env = new Proxy(env, {
    get: (target, key) => { note(`process.env.${String(key)}`); return Reflect.get(target, key); },
    has: (target, key) => { note(`process.env.${String(key)}`); return Reflect.has(target, key); },
    ownKeys: (target) => { note('process.env (listed)'); return Reflect.ownKeys(target); },
  });
  undo.push(() => { process.env = env; });
  wrapAccessors(process, 'process', ['argv', 'argv0', 'execArgv', 'execPath', 'pid', 'ppid', 'title', 'stdin', 'stdout', 'stderr']);
  wrapFunctions(process.hrtime as unknown as Owner, 'process.hrtime', ['bigint']);
  wrapFunctions(process as unknown as Owner, 'process', ['cwd', 'hrtime', 'uptime', 'getuid', 'getgid', 'umask']);
  wrapFunctions(performance as unknown as Owner, 'performance', ['now']);

  const RealDate = Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => { if (args.length === 0) note('new Date()'); return Reflect.construct(target, args, newTarget); },
    apply: (target, self, args) => { note('Date()'); return Reflect.apply(target, self, args); },
  });
  undo.push(() => { globalThis.Date = RealDate; });
  wrapFunctions(RealDate as unknown as Owner, 'Date', ['now']);
  wrapFunctions(RealDate.prototype as unknown as Owner, 'Date.prototype', [
    'getTimezoneOffset', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds',
    'toString', 'toDateString', 'toTimeString', 'toLocaleString', 'toLocaleDateString', 'toLocaleTimeString',
  ]);
  // The default locale and zone: V8 caches ICU objects made for them in the isolate.
  const intl = Intl as unknown as Record<string, new (...args: unknown[]) => unknown>;
  for (const name of ['DateTimeFormat', 'Collator', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter']) {
    const Real = intl[name];
    if (typeof Real !== 'function') continue;
    intl[name] = new Proxy(Real, {
      construct: (target, args, newTarget) => { note(`new Intl.${name}()`); return Reflect.construct(target, args, newTarget); },
      apply: (target, self, args) => { note(`Intl.${name}()`); return Reflect.apply(target, self, args as unknown[]); },
    });
    undo.push(() => { intl[name] = Real; });
  }
  wrapFunctions(String.prototype as unknown as Owner, 'String.prototype', ['localeCompare', 'toLocaleLowerCase', 'toLocaleUpperCase']);
  wrapFunctions(Number.prototype as unknown as Owner, 'Number.prototype', ['toLocaleString']);

  wrapFunctions(Math as unknown as Owner, 'Math', ['random']);
  wrapFunctions(builtin('node:crypto'), 'crypto', ['randomBytes', 'randomUUID', 'randomInt', 'randomFillSync', 'getRandomValues']);
  wrapFunctions(globalThis.crypto as unknown as Owner, 'globalThis.crypto', ['getRandomValues', 'randomUUID']);
  wrapFunctions(builtin('node:os'), 'os', ['hostname', 'homedir', 'tmpdir', 'userInfo', 'uptime', 'cpus', 'networkInterfaces', 'loadavg', 'freemem']);
  wrapFunctions(builtin('node:tty'), 'tty', ['isatty']);
  wrapFunctions(builtin('node:fs'), 'fs', ['readFileSync', 'existsSync', 'statSync', 'lstatSync', 'readdirSync', 'openSync', 'realpathSync', 'accessSync']);

  return {
    stop() {
      watching = false;
      for (const restore of undo.reverse()) restore();
      return reads;
    },
  };
}
