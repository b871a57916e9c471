// `hookline version [--short] [--template T]`: Hookline's build facts in the three shapes of
// `helm version`. GoVersion holds the Node.js runtime ("node24.21.0"), Go's field name kept so
// helm's templates work unchanged.
import type { Command } from 'commander';
import type { GoFunc, GoObject, GoValue } from '../govalue/types.ts';
import { buildInfo } from './build-info.ts';

type VersionFields = { Version: string; GitCommit: string; GitTreeState: string; GoVersion: string; KubeClientVersion: string };

export function versionFields(): VersionFields {
  const info = buildInfo();
  return {
    Version: info.version, GitCommit: info.gitCommit, GitTreeState: info.gitTreeState,
    GoVersion: `node${process.versions.node}`, KubeClientVersion: info.kubeClientVersion,
  };
}

/** helm's `%#v` of version.BuildInfo. */
export function longVersion(fields: VersionFields): string {
  return `version.BuildInfo{${Object.entries(fields).map(([k, v]) => `${k}:${JSON.stringify(v)}`).join(', ')}}`;
}

/** helm's --short: the version with the abbreviated commit as build metadata. */
export function shortVersion(fields: VersionFields): string {
  return fields.GitCommit.length >= 7 ? `${fields.Version}+g${fields.GitCommit.slice(0, 7)}` : fields.Version;
}

/** The fields as the Go struct helm's --template sees (`{{.}}` prints "{v0.1.0 ...}"). */
function buildInfoObject(fields: VersionFields): GoObject {
  return {
    goType: 'version.BuildInfo',
    field: (name: string): GoValue | undefined => (Object.hasOwn(fields, name) ? fields[name as keyof VersionFields] : undefined),
    method: (): GoFunc | undefined => undefined,
    format: () => `{${Object.values(fields).join(' ')}}`,
  };
}

async function templateVersion(template: string, fields: VersionFields): Promise<string> {
  const { TemplateSet } = await import('../gotemplate/index.ts');
  const set = new TemplateSet({ funcs: {} });
  set.parse('_', template);
  return set.execute('_', buildInfoObject(fields));
}

export function register(program: Command): void {
  program.command('version')
    .description('print the version information')
    .allowExcessArguments()
    .option('--short', 'print the version number')
    .option('--template <template>', 'template for version string format')
    .action(async (flags: { short?: boolean; template?: string }, command: Command) => {
      if (command.args.length > 0) throw new Error('"hookline version" accepts no arguments');
      const fields = versionFields();
      // As helm: a template (an empty one counts as none) is printed without a newline of its own.
      if (flags.template) process.stdout.write(await templateVersion(flags.template, fields));
      else process.stdout.write(`${flags.short ? shortVersion(fields) : longVersion(fields)}\n`);
    });
}
