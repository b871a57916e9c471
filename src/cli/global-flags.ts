// Helm's global flags (-n, --kubeconfig, --kube-*, --debug, --burst-limit, --qps, the repository
// and registry paths, --color), accepted at any position as helm accepts them. Each is taken
// out of the arguments and stored in the environment variable helm reads for it (HELM_NAMESPACE,
// HELM_KUBECONTEXT, ...), so a flag overrides its variable and the rest of Hookline reads one
// place: the environment, as helm's EnvSettings does.

interface GlobalFlag {
  long: string;
  /** The value's placeholder in help; none for a boolean. */
  value?: string;
  short?: string;
  /** The environment variable the value goes to. */
  env: string;
  boolean?: boolean;
  /** Repeatable: values are joined with commas (helm's KUBEASGROUPS list). */
  repeated?: boolean;
  /** Throws helm's message for a value it refuses. */
  check?: (value: string) => void;
}

function goBool(flag: string): (value: string) => void {
  return (value) => {
    if (parseGoBool(value) === undefined) throw new Error(`invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
  };
}

function goInt(flag: string): (value: string) => void {
  return (value) => {
    if (!/^[+-]?\d+$/.test(value)) throw new Error(`invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
  };
}

function goFloat(flag: string): (value: string) => void {
  return (value) => {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) throw new Error(`invalid argument "${value}" for "${flag}" flag: strconv.ParseFloat: parsing "${value}": invalid syntax`);
  };
}

export const globalFlags: GlobalFlag[] = [
  { long: 'namespace', value: 'name', short: 'n', env: 'HELM_NAMESPACE' },
  { long: 'kubeconfig', value: 'path', env: 'KUBECONFIG' },
  { long: 'kube-context', value: 'name', env: 'HELM_KUBECONTEXT' },
  { long: 'kube-token', value: 'token', env: 'HELM_KUBETOKEN' },
  { long: 'kube-as-user', value: 'user', env: 'HELM_KUBEASUSER' },
  { long: 'kube-as-group', value: 'group', env: 'HELM_KUBEASGROUPS', repeated: true },
  { long: 'kube-apiserver', value: 'url', env: 'HELM_KUBEAPISERVER' },
  { long: 'kube-ca-file', value: 'path', env: 'HELM_KUBECAFILE' },
  { long: 'kube-tls-server-name', value: 'name', env: 'HELM_KUBETLS_SERVER_NAME' },
  { long: 'kube-insecure-skip-tls-verify', env: 'HELM_KUBEINSECURE_SKIP_TLS_VERIFY', boolean: true, check: goBool('--kube-insecure-skip-tls-verify') },
  { long: 'debug', env: 'HELM_DEBUG', boolean: true, check: goBool('--debug') },
  { long: 'registry-config', value: 'path', env: 'HELM_REGISTRY_CONFIG' },
  { long: 'repository-config', value: 'path', env: 'HELM_REPOSITORY_CONFIG' },
  { long: 'repository-cache', value: 'dir', env: 'HELM_REPOSITORY_CACHE' },
  { long: 'content-cache', value: 'dir', env: 'HELM_CONTENT_CACHE' },
  { long: 'burst-limit', value: 'n', env: 'HELM_BURST_LIMIT', check: goInt('--burst-limit') },
  { long: 'qps', value: 'n', env: 'HELM_QPS', check: goFloat('--qps') },
  { long: 'color', value: 'mode', env: 'HELM_COLOR', check: checkColorMode },
  { long: 'colour', value: 'mode', env: 'HELM_COLOR', check: checkColorMode },
];

function checkColorMode(value: string): void {
  if (!colorModes.includes(value)) throw new Error(`invalid color mode "${value}": must be one of: never, auto, always`);
}

/** Go's strconv.ParseBool. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function matchFlag(arg: string): { flag: GlobalFlag; inline?: string } | undefined {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = globalFlags.find((f) => f.long === name);
    return flag && { flag, inline: eq < 0 ? undefined : arg.slice(eq + 1) };
  }
  if (arg.startsWith('-') && arg.length >= 2) {
    const flag = globalFlags.find((f) => f.short === arg[1]);
    if (!flag) return undefined;
    const rest = arg.slice(2);
    return { flag, inline: rest === '' ? undefined : rest.replace(/^=/, '') };
  }
  return undefined;
}

/**
 * Takes helm's global flags out of `argv` (node, script, args...) wherever they stand, before
 * a `--`, and puts their values into `env`. Returns the remaining arguments for the commands.
 */
export function takeGlobalFlags(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const kept = argv.slice(0, 2);
  const repeated = new Map<string, string[]>();
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      kept.push(...argv.slice(i));
      break;
    }
    const match = matchFlag(arg);
    if (!match) {
      kept.push(arg);
      continue;
    }
    const { flag, inline } = match;
    let value: string;
    if (flag.boolean) {
      value = inline ?? 'true';
    } else if (inline !== undefined) {
      value = inline;
    } else {
      if (i + 1 >= argv.length) throw new Error(`flag needs an argument: --${flag.long}`);
      value = argv[++i];
    }
    flag.check?.(value);
    if (flag.repeated) {
      const values = [...(repeated.get(flag.env) ?? []), value];
      repeated.set(flag.env, values);
      value = values.join(',');
    }
    env[flag.env] = flag.boolean ? String(parseGoBool(value)) : value;
  }
  return kept;
}

/** --debug / HELM_DEBUG. */
export function debugEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return parseGoBool(env.HELM_DEBUG ?? '') === true;
}

const colorModes = ['never', 'auto', 'always'];

/** Helm's colour mode: NO_COLOR wins, then HELM_COLOR (--color; an unknown value counts as auto), else auto. */
export function colorMode(env: NodeJS.ProcessEnv = process.env): 'never' | 'auto' | 'always' {
  if (env.NO_COLOR) return 'never';
  const mode = (env.HELM_COLOR ?? 'auto').toLowerCase();
  return colorModes.includes(mode) ? mode as 'never' | 'auto' | 'always' : 'auto';
}

/** The global flags for the top-level help, with the variables that set them. */
export function globalFlagsHelp(): string {
  const rows = globalFlags.filter((f) => f.long !== 'colour').map((f) => {
    const name = `${f.short ? `-${f.short}, ` : '    '}--${f.long}${f.value ? ` <${f.value}>` : ''}`;
    return `  ${name.padEnd(38)} ${f.env}`;
  });
  return `\nGlobal flags (anywhere on the line; each overrides its environment variable):\n${rows.join('\n')}\n`;
}
