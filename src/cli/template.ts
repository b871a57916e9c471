// `hookline template [NAME] CHART`: renders a chart locally as `helm template` does, with
// helm's flags, output and errors.
import type { Command } from 'commander';
import { runTemplate } from '../render/template-command.ts';
import { addValueFlags, valueSources, type ValueFlagValues } from './value-flags.ts';
import { addChartSourceFlags, chartSourceOptions, type ChartSourceFlagValues } from './chart-source-flags.ts';
import { locateChart } from '../chartref/locate.ts';
import { settingsNamespace } from './settings-namespace.ts';
import { debugEnabled } from './global-flags.ts';
import { renderNameTemplate } from './name-template.ts';
import { addPostRendererFlags, postRendererFromFlags, type PostRendererFlagValues } from './post-renderer-flags.ts';

type TemplateFlags = ValueFlagValues & ChartSourceFlagValues & PostRendererFlagValues & {
  generateName?: boolean; nameTemplate?: string; includeCrds?: boolean; skipTests?: boolean;
  hooks: boolean; showOnly: string[]; outputDir?: string; kubeVersion?: string; apiVersions: string[];
  isUpgrade?: boolean; skipSchemaValidation?: boolean; releaseName?: boolean; enableDns?: boolean;
};

// --api-versions and --show-only are string slices in helm: commas separate entries too.
const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

/** Helm's release name for template: the given one, the --name-template's, or "release-name". */
function releaseNameOf(args: string[], flags: { generateName?: boolean; nameTemplate?: string }): { name: string; chart: string } {
  if (args.length === 0) throw new Error('"hookline template" requires at least 1 argument\n\nUsage:  hookline template [NAME] [CHART] [flags]');
  if (args.length > 2) throw new Error(`expected at most two arguments, unexpected arguments: ${args.slice(2).join(', ')}`);
  if (args.length === 2 && flags.generateName) throw new Error('cannot set --generate-name and also specify a name');
  if (args.length === 2 && flags.nameTemplate) throw new Error('cannot set --name-template and also specify a name');
  if (args.length === 2) return { name: args[0], chart: args[1] };
  // helm 4.1.4 keeps "release-name" with --generate-name too (checked against the binary).
  return { name: flags.nameTemplate ? renderNameTemplate(flags.nameTemplate) : 'release-name', chart: args[0] };
}

export function register(program: Command): void {
  addPostRendererFlags(addChartSourceFlags(addValueFlags(program.command('template')
    .description('locally render templates')
    .argument('[args...]', '[NAME] CHART')
    .option('-n, --namespace <name>', 'namespace scope for this request')
    .option('-g, --generate-name', 'generate the name (and omit the NAME parameter)')
    .option('--name-template <template>', 'specify template used to name the release')
    .option('--include-crds', 'include CRDs in the templated output')
    .option('--skip-tests', 'skip tests from templated output')
    .option('--no-hooks', 'prevent hooks from running during install')
    .option('-s, --show-only <path>', 'only show manifests rendered from the given templates', collectList, [])
    .option('--output-dir <dir>', 'writes the executed templates to files in output-dir instead of stdout')
    .option('--kube-version <version>', 'Kubernetes version used for Capabilities.KubeVersion')
    .option('-a, --api-versions <version>', 'Kubernetes api versions used for Capabilities.APIVersions (multiple)', collectList, [])
    .option('--is-upgrade', 'set .Release.IsUpgrade instead of .Release.IsInstall')
    .option('--skip-schema-validation', 'disables JSON schema validation')
    .option('--enable-dns', 'enable DNS lookups when rendering templates'))))
    .action(async (args: string[], flags: TemplateFlags) => {
      const { name, chart } = releaseNameOf(args, flags);
      const request = {
        releaseName: name, chartPath: await locateChart(chart, chartSourceOptions(flags)), namespace: settingsNamespace(), values: await valueSources(flags),
        kubeVersion: flags.kubeVersion, apiVersions: flags.apiVersions, isUpgrade: flags.isUpgrade ?? false,
        skipSchemaValidation: flags.skipSchemaValidation ?? false, includeCrds: flags.includeCrds ?? false,
        skipTests: flags.skipTests ?? false, noHooks: !flags.hooks, showOnly: flags.showOnly,
        outputDir: flags.outputDir, debug: debugEnabled(), postRenderer: postRendererFromFlags(flags),
        enableDns: flags.enableDns === true,
      };
      let text: string;
      try {
        text = runTemplate(request);
      } catch (err) {
        const rendered = (err as { renderedOutput?: string }).renderedOutput;
        if (rendered) process.stdout.write(rendered);
        throw err;
      }
      process.stdout.write(text);
    });
}
