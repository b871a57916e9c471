// `create NAME`: Hookline's own chart scaffold. It has the files and paths, the values (keys,
// defaults, types) and the named templates of helm's built-in scaffold, and renders the same
// manifests, so values files and includes written for a helm-created chart work unchanged;
// its comments, notes and template text are Hookline's own. The texts live in ./scaffold/
// (the bundle inlines them) with <CHARTNAME> where the chart's name goes.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { goPathError } from '../gofmt/path-error.ts';
import { goQuote } from '../gofmt/strconv.ts';

const CHART_NAME_PLACEHOLDER = '<CHARTNAME>';

/** A scaffold or starter text with its chart name filled in, as helm fills it. */
export function withChartName(text: string, name: string): string {
  return text.replaceAll(CHART_NAME_PLACEHOLDER, name);
}

// In the order helm writes its scaffold (the order of its overwrite warnings). Each read is
// spelled out: the bundler inlines only literal readFileSync(new URL('./...')) calls.
const scaffoldFiles: Array<[path: string, text: string]> = [
  ['Chart.yaml', readFileSync(new URL('./scaffold/Chart.yaml', import.meta.url), 'utf8')],
  ['values.yaml', readFileSync(new URL('./scaffold/values.yaml', import.meta.url), 'utf8')],
  ['.helmignore', readFileSync(new URL('./scaffold/helmignore', import.meta.url), 'utf8')],
  ['templates/ingress.yaml', readFileSync(new URL('./scaffold/templates/ingress.yaml', import.meta.url), 'utf8')],
  ['templates/httproute.yaml', readFileSync(new URL('./scaffold/templates/httproute.yaml', import.meta.url), 'utf8')],
  ['templates/deployment.yaml', readFileSync(new URL('./scaffold/templates/deployment.yaml', import.meta.url), 'utf8')],
  ['templates/service.yaml', readFileSync(new URL('./scaffold/templates/service.yaml', import.meta.url), 'utf8')],
  ['templates/serviceaccount.yaml', readFileSync(new URL('./scaffold/templates/serviceaccount.yaml', import.meta.url), 'utf8')],
  ['templates/hpa.yaml', readFileSync(new URL('./scaffold/templates/hpa.yaml', import.meta.url), 'utf8')],
  ['templates/NOTES.txt', readFileSync(new URL('./scaffold/templates/NOTES.txt', import.meta.url), 'utf8')],
  ['templates/_helpers.tpl', readFileSync(new URL('./scaffold/templates/_helpers.tpl', import.meta.url), 'utf8')],
  ['templates/tests/test-connection.yaml', readFileSync(new URL('./scaffold/templates/tests/test-connection.yaml', import.meta.url), 'utf8')],
];

// helm's rule: names with $, quotes, +, parentheses, % or newlines break templates and paths.
const validChartName = /^[a-zA-Z0-9._-]+$/;
const maxChartNameLength = 250;

function checkChartName(name: string): void {
  if (name.length === 0 || name.length > maxChartNameLength) {
    throw new Error(`chart name must be between 1 and ${maxChartNameLength} characters`);
  }
  if (!validChartName.test(name)) {
    throw new Error(`chart name "${name}" is invalid: it must match the regular expression "${validChartName.source}"`);
  }
  if (name === '.' || name === '..') throw new Error(`chart name "${name}" is invalid: name the chart's new folder`);
}

/**
 * Writes the scaffold as the chart `name` into the existing folder `parent` and returns the
 * chart's folder. Files already there are overwritten (each reported through `warn`, as helm
 * warns), other files are left alone.
 */
export function createScaffold(name: string, parent: string, warn: (message: string) => void): string {
  checkChartName(name);
  const base = resolve(parent);
  try {
    if (!statSync(base).isDirectory()) throw new Error(`no such directory ${base}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === undefined) throw err;
    throw new Error(`${goPathError('stat', base, err)} (create makes only the chart's own folder: create its parent first)`);
  }
  const chartDir = join(base, name);
  if (existsSync(chartDir) && !statSync(chartDir).isDirectory()) throw new Error(`file ${chartDir} already exists and is not a directory`);
  for (const [path, text] of scaffoldFiles) {
    const target = join(chartDir, path);
    if (existsSync(target)) warn(`WARNING: File ${goQuote(target)} already exists. Overwriting.`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
    writeFileSync(target, withChartName(text, name), { mode: 0o644 });
  }
  mkdirSync(join(chartDir, 'charts'), { recursive: true, mode: 0o755 });
  return chartDir;
}
