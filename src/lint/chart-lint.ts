// `helm lint` for one chart (helm 4.1.4's pkg/lint rules, the common part): Chart.yaml,
// values.yaml, templates that render (required/fail lenient) and rendered documents that
// parse as YAML; --strict turns warnings into failures. More rules plug in through extraRules.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expandChartArchive } from '../chart/expand.ts';
import { goPathError } from '../gofmt/path-error.ts';
import { chartCrds } from '../chart/crds.ts';
import { dependencyLintProblems } from '../chart/dependencies.ts';
import { loadChart } from '../chart/load.ts';
import { coalesceTables, deepCopyMap } from '../chart/coalesce.ts';
import { validateSingleSchema } from '../chart/schema.ts';
import { loadValuesYaml } from '../chart/values-yaml.ts';
import { chartValuesForRender } from '../chart/render-values.ts';
import type { Chart, ChartMetadata } from '../chart/types.ts';
import { decodeMetadataInto, emptyMetadata, isValidSemver, parseStructYaml } from '../chart/metadata.ts';
import { splitManifests } from '../manifest/split.ts';
import { renderChart } from '../render/engine.ts';
import { capabilitiesObject, defaultCapabilities, parseKubeVersion } from '../render/capabilities.ts';
import { deprecatedApiWarning, type KubeMinorVersion } from './deprecated-api-rule.ts';
import { manifestYamlError } from '../render/manifest-yaml.ts';
import { yamlToGo } from '../codec/yaml-values.ts';
import { sprintf } from '../gofmt/fmt.ts';
import { isGoMap, type GoMap, type GoValue } from '../govalue/types.ts';

export type LintSeverity = 'INFO' | 'WARNING' | 'ERROR';

export interface LintMessage {
  severity: LintSeverity;
  /** What the message is about, as helm prints it: "Chart.yaml", "templates/", "templates/x.yaml". */
  path: string;
  text: string;
}

/** A rule run on a chart that rendered; hook-safety rules come in this way. */
export type LintRule = (chart: Chart, rendered: ReadonlyMap<string, string>) => LintMessage[];

export interface LintOptions {
  /** The user's values, merged once for every chart linted (helm merges them before linting). */
  values: GoMap;
  strict: boolean;
  namespace: string;
  /** --kube-version: the capabilities' version and the deprecated-API rule's target (helm's default without it). */
  kubeVersion?: string;
  extraRules?: LintRule[];
  /** --skip-schema-validation */
  skipSchemaValidation?: boolean;
}

// Helm's SemVer v2 check of Chart.yaml's version.
const semverV2 = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The Chart.yaml fields helm's chartfile rules read on their own, or undefined when it does not decode. */
function chartYamlMetadata(chartDir: string): ChartMetadata | undefined {
  try {
    const md = emptyMetadata();
    decodeMetadataInto(md, parseStructYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'), 'Chart.yaml'), 'Chart.yaml');
    return md;
  } catch {
    return undefined;
  }
}

/** helm's chartfile rules that a chart which loads can still fail, and those an unloadable one shows. */
function chartfileMessages(md: ChartMetadata): LintMessage[] {
  const out: LintMessage[] = [];
  const error = (text: string) => out.push({ severity: 'ERROR', path: 'Chart.yaml', text });
  if (md.name === '') error('name is required');
  else if (basename(md.name) !== md.name) error(`chart name ${sprintf('%q', md.name)} is invalid`);
  if (md.apiVersion === '') error('apiVersion is required. The value must be either "v1" or "v2"');
  else if (md.apiVersion !== 'v1' && md.apiVersion !== 'v2') error(`apiVersion '${md.apiVersion}' is not valid. The value must be either "v1" or "v2"`);
  if (md.version === '') error('version is required');
  else if (!isValidSemver(md.version)) error(`version '${md.version}' is not a valid SemVer`);
  // helm's order: the icon rule, then the strict SemVer v2 rule last.
  if (md.icon === '') out.push({ severity: 'INFO', path: 'Chart.yaml', text: 'icon is recommended' });
  // govalidator's IsRequestURL: Go parses it as a request URI with a scheme.
  else if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(md.icon) || /[\x00-\x1f\x7f]/.test(md.icon)) error(`invalid icon URL '${md.icon}'`);
  if (!semverV2.test(md.version)) out.push({ severity: 'WARNING', path: 'Chart.yaml', text: `version '${md.version}' is not a valid SemVerV2` });
  return out;
}

const hasTemplatesDirectory = (chartDir: string) => existsSync(join(chartDir, 'templates')) && statSync(join(chartDir, 'templates')).isDirectory();
const missingTemplatesDirectory: LintMessage = { severity: 'WARNING', path: 'templates/', text: 'directory does not exist' };

/**
 * helm's values rule: values.yaml exists, parses, and (the user's values over it) meets the
 * chart's own values.schema.json; subcharts' values are not checked here, as in helm.
 */
function valuesFileMessages(chartDir: string, options: LintOptions): LintMessage[] {
  const error = (text: string): LintMessage[] => [{ severity: 'ERROR', path: 'values.yaml', text }];
  if (!existsSync(join(chartDir, 'values.yaml'))) return [{ severity: 'INFO', path: 'values.yaml', text: 'file does not exist' }];
  let fileValues: GoMap;
  try {
    fileValues = loadValuesYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
  } catch (err) {
    return error(`unable to parse YAML: ${(err as Error).message}`);
  }
  const schemaPath = join(chartDir, 'values.schema.json');
  const schema = existsSync(schemaPath) ? readFileSync(schemaPath) : undefined;
  if (schema === undefined || schema.length === 0 || options.skipSchemaValidation) return [];
  const values = coalesceTables(coalesceTables({}, deepCopyMap(options.values), () => {}), fileValues, () => {});
  try {
    const problems = validateSingleSchema(values, schema);
    return problems === '' ? [] : error(problems);
  } catch (err) {
    return error((err as Error).message);
  }
}

function templateMessages(chartDir: string, chart: Chart, options: LintOptions): { messages: LintMessage[]; rendered?: Map<string, string> } {
  if (!hasTemplatesDirectory(chartDir)) return { messages: [missingTemplatesDirectory] };
  const kubeVersion = parseKubeVersion(options.kubeVersion ?? defaultCapabilities.kubeVersion);
  const target: KubeMinorVersion = { major: Number(kubeVersion.major), minor: Number(kubeVersion.minor) };
  let rendered: Map<string, string>;
  try {
    const values = chartValuesForRender(chart, deepCopyMap(options.values), { warn: () => {}, skipSchemaValidation: options.skipSchemaValidation });
    rendered = renderChart(chart, values, {
      release: { name: 'test-release', namespace: options.namespace, revision: 1, isInstall: true, isUpgrade: false },
      // helm 4.1.4 lints with missingkey=zero even with --strict (checked against the binary).
      lintMode: true,
      capabilities: capabilitiesObject({ kubeVersion: kubeVersion.version }),
      log: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (err) {
    return { messages: [{ severity: 'ERROR', path: 'templates/', text: (err as Error).message }] };
  }
  const prefix = `${chart.metadata.name}/`;
  const messages: LintMessage[] = [];
  for (const [name, text] of [...rendered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Helm checks the documents of the linted chart's own templates, not its subcharts'.
    if (!name.startsWith(`${prefix}templates/`) || (!name.endsWith('.yaml') && !name.endsWith('.yml'))) continue;
    const path = name.startsWith(prefix) ? name.slice(prefix.length) : name;
    for (const doc of splitManifests(text)) {
      const problem = manifestYamlError(doc);
      if (problem !== undefined) {
        messages.push({ severity: 'ERROR', path, text: `unable to parse YAML: ${problem}` });
        return { messages, rendered };
      }
      const object = yamlToGo(doc);
      if (isGoMap(object)) messages.push(...objectMessages(path, object, target));
    }
  }
  return { messages, rendered };
}

const rfc1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function field(object: GoValue, ...keys: string[]): GoValue {
  let v: GoValue = object;
  for (const k of keys) v = isGoMap(v) ? (v[k] ?? null) : null;
  return v;
}

/** Helm's per-object rules: a valid metadata.name, no deprecated API, and Deployments with a selector. */
function objectMessages(path: string, object: GoMap, target: KubeMinorVersion): LintMessage[] {
  const out: LintMessage[] = [];
  const nameValue = field(object, 'metadata', 'name');
  const name = typeof nameValue === 'string' ? nameValue : '';
  if (name.length > 253 || !rfc1123Subdomain.test(name)) {
    out.push({ severity: 'WARNING', path, text: `object name does not conform to Kubernetes naming requirements: ${sprintf('%q', name)}: metadata.name: Invalid value: ${sprintf('%q', name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` });
  }
  const deprecation = typeof object.apiVersion === 'string' && typeof object.kind === 'string' ? deprecatedApiWarning(object.apiVersion, object.kind, target) : undefined;
  if (deprecation !== undefined) out.push({ severity: 'WARNING', path, text: deprecation });
  if (object.kind === 'Deployment' && object.apiVersion === 'apps/v1') {
    const selector = field(object, 'spec', 'selector');
    if (field(selector, 'matchLabels') === null && field(selector, 'matchExpressions') === null) {
      out.push({ severity: 'ERROR', path, text: `a Deployment must contain matchLabels or matchExpressions, and ${sprintf('%q', name)} does not` });
    }
  }
  return out;
}

/** Helm's crds rule: each document of the chart's own crds/ files is a CustomResourceDefinition. */
function crdMessages(chart: Chart): LintMessage[] {
  const out: LintMessage[] = [];
  const decoder = new TextDecoder();
  for (const crd of chartCrds(chart)) {
    if (crd.filename !== `${chart.metadata.name}/${crd.name}`) continue;
    for (const doc of splitManifests(decoder.decode(crd.file.data))) {
      let object: GoValue;
      try {
        object = yamlToGo(doc);
      } catch (err) {
        out.push({ severity: 'ERROR', path: crd.name, text: `unable to parse YAML: ${(err as Error).message}` });
        continue;
      }
      if (!isGoMap(object)) continue;
      if (String(object.apiVersion ?? '').split('/')[0] !== 'apiextensions.k8s.io') {
        out.push({ severity: 'ERROR', path: crd.name, text: "apiVersion is not in 'apiextensions.k8s.io'" });
      }
      if (object.kind !== 'CustomResourceDefinition') {
        out.push({ severity: 'ERROR', path: crd.name, text: "object kind is not 'CustomResourceDefinition'" });
      }
    }
  }
  return out;
}

/** A path helm could not lint at all (no Chart.yaml, an archive that does not unpack): printed as "Error ...". */
export class LintPathError extends Error {}

const isArchivePath = (path: string) => path.endsWith('.tgz') || path.endsWith('.tar.gz');

/**
 * Every message for the chart at `path` (a directory, or a .tgz helm unpacks to a temporary
 * directory first), in helm's order; throws LintPathError where helm lints nothing.
 */
export function lintChart(path: string, options: LintOptions): LintMessage[] {
  if (!isArchivePath(path)) return lintChartDirectory(path, options);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    throw new LintPathError(`unable to open tarball: ${goPathError('open', path, err)}`);
  }
  const tempDir = mkdtempSync(join(tmpdir(), 'helm-lint'));
  try {
    try {
      expandChartArchive(data, tempDir);
    } catch (err) {
      throw new LintPathError(`unable to extract tarball: ${(err as Error).message}`);
    }
    // expandChartArchive writes one folder, named after the chart.
    const [name] = readdirSync(tempDir);
    return lintChartDirectory(join(tempDir, name), options);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

function lintChartDirectory(chartDir: string, options: LintOptions): LintMessage[] {
  try {
    statSync(join(chartDir, 'Chart.yaml'));
  } catch (err) {
    throw new LintPathError(`unable to check Chart.yaml file in chart: ${goPathError('stat', join(chartDir, 'Chart.yaml'), err)}`);
  }
  const metadata = chartYamlMetadata(chartDir);
  let chart: Chart;
  try {
    chart = loadChart(chartDir, () => {});
  } catch (err) {
    const loadError = (err as Error).message;
    if (metadata === undefined) return [{ severity: 'ERROR', path: '', text: `unable to load chart\n\t${loadError}` }];
    // helm's rules run on their own: Chart.yaml's and values.yaml's, then each that loads the chart fails.
    return [
      ...chartfileMessages(metadata), ...valuesFileMessages(chartDir, options),
      hasTemplatesDirectory(chartDir) ? { severity: 'ERROR', path: 'templates/', text: loadError } : missingTemplatesDirectory,
      { severity: 'ERROR', path: '', text: `unable to load chart\n\t${loadError}` },
    ];
  }
  const messages = [...chartfileMessages(metadata ?? chart.metadata), ...valuesFileMessages(chartDir, options)];
  const templates = templateMessages(chartDir, chart, options);
  const dependencyProblems = dependencyLintProblems(chart).map((p) => ({ ...p, path: resolve(chartDir) }));
  messages.push(...templates.messages, ...dependencyProblems, ...crdMessages(chart));
  if (templates.rendered) for (const rule of options.extraRules ?? []) messages.push(...rule(chart, templates.rendered));
  return messages;
}

/**
 * helm lint's report of charts already linted: each chart's messages, how many failed, and how
 * many had warnings or errors. --quiet leaves out INFO messages and charts with nothing worse.
 */
export function formatLintReport(results: Array<{ dir: string; messages: LintMessage[]; error?: string }>, strict: boolean, quiet = false): { stdout: string; failed: number; withProblems: number } {
  let stdout = '';
  let failed = 0;
  let withProblems = 0;
  for (const { dir, messages, error } of results) {
    const hasProblems = error !== undefined || messages.some((m) => m.severity !== 'INFO');
    if (hasProblems) withProblems++;
    if (quiet && !hasProblems) continue;
    stdout += `==> Linting ${dir}\n`;
    if (error !== undefined) stdout += `Error ${error}\n`;
    for (const m of messages) if (!quiet || m.severity !== 'INFO') stdout += `[${m.severity}] ${m.path}: ${m.text}\n`;
    stdout += '\n';
    if (error !== undefined || messages.some((m) => m.severity === 'ERROR' || (strict && m.severity === 'WARNING'))) failed++;
  }
  return { stdout, failed, withProblems };
}
