// The `helm template` action without its command line: load the chart, merge and coalesce
// values, render with client-only capabilities and format the output as helm 4.1.4 does.
import { checkKubeVersion } from '../chart/kube-version.ts';
import { checkDependenciesPresent } from '../chart/dependencies.ts';
import { warnIfDeprecated } from '../chart/warnings.ts';
import { loadChart } from '../chart/load.ts';
import { chartValuesForRender } from '../chart/render-values.ts';
import { ManifestParseError } from '../manifest/head.ts';
import { validateReleaseName } from './release-name.ts';
import { sprintf } from '../gofmt/fmt.ts';
import { mergeValueSources, type ValueSources } from '../values/merge-sources.ts';
import { capabilitiesObject, parseKubeVersion, defaultCapabilities } from './capabilities.ts';
import { renderChart } from './engine.ts';
import { RenderError } from './errors.ts';
import { ManifestYamlError } from './manifest-yaml.ts';
import { templateOutput, type TemplateOutputOptions } from './template-output.ts';
import { PostRenderError, postRenderFiles, type PostRenderer } from './post-render.ts';

export interface TemplateRequest extends TemplateOutputOptions {
  releaseName: string;
  chartPath: string;
  namespace: string;
  values: Partial<ValueSources>;
  kubeVersion?: string;
  apiVersions: string[];
  isUpgrade: boolean;
  skipSchemaValidation: boolean;
  /** --enable-dns */
  enableDns?: boolean;
  /** --debug: on a YAML error, the error carries the rendered files as `renderedOutput`. */
  debug?: boolean;
  /** --post-renderer: rewrites the rendered stream before it is sorted. */
  postRenderer?: PostRenderer;
}

/** Every rendered file but the notes, as helm lists them when their YAML does not parse. */
function renderedListing(rendered: Map<string, string>): string {
  const files = [...rendered].filter(([path, text]) => !path.endsWith('/NOTES.txt') && text.trim() !== '').sort(([a], [b]) => (a < b ? -1 : 1));
  return `${files.map(([path, text]) => `---\n# Source: ${path}\n${text}\n`).join('').trim()}\n`;
}

/** Helm adds this hint to errors found once the release exists, i.e. while rendering. */
const debugHint = '\n\nUse --debug flag to render out invalid YAML';

/** Helm logs a failed release name check (Go's slog text format) and then fails with it. */
export function releaseNameCheckError(err: Error): Error {
  process.stderr.write(`level=ERROR msg="release name check failed" error=${sprintf('%q', err.message)}\n`);
  return new Error(`release name check failed: ${err.message}`, { cause: err });
}

export function checkReleaseName(name: string): void {
  try {
    validateReleaseName(name);
  } catch (err) {
    throw releaseNameCheckError(err as Error);
  }
}

export function runTemplate(request: TemplateRequest): string {
  checkReleaseName(request.releaseName);
  const chart = loadChart(request.chartPath);
  if (chart.metadata.type === 'library') throw new Error('validation: chart.metadata.type "library" is not installable');
  warnIfDeprecated(chart);
  checkDependenciesPresent(chart);
  const userValues = mergeValueSources(request.values);
  const values = chartValuesForRender(chart, userValues, { skipSchemaValidation: request.skipSchemaValidation });
  const kubeVersion = request.kubeVersion === undefined ? defaultCapabilities.kubeVersion : parseKubeVersion(request.kubeVersion).version;
  let rendered: Map<string, string> | undefined;
  try {
    checkKubeVersion(chart, kubeVersion);
    rendered = renderChart(chart, values, {
      release: { name: request.releaseName, namespace: request.namespace, revision: 1, isInstall: !request.isUpgrade, isUpgrade: request.isUpgrade },
      capabilities: capabilitiesObject({ kubeVersion, extraApiVersions: request.apiVersions }),
      enableDns: request.enableDns,
    });
    if (request.postRenderer) rendered = postRenderFiles(rendered, request.postRenderer);
    return templateOutput(chart, rendered, request);
  } catch (err) {
    // --debug: the rendered files as they are (helm prints them even when they are not valid YAML), no hint.
    if (request.debug) throw Object.assign(new Error((err as Error).message, { cause: err }), { renderedOutput: rendered && err instanceof ManifestYamlError ? renderedListing(rendered) : undefined });
    if (err instanceof RenderError || err instanceof PostRenderError || err instanceof ManifestYamlError || err instanceof ManifestParseError || (err as Error).message.startsWith('chart requires kubeVersion')) {
      throw new Error((err as Error).message + debugHint, { cause: err });
    }
    throw err;
  }
}
