// What `helm template` prints from a rendered chart (pkg/cmd/template.go and the install
// action's renderResources in helm 4.1.4): CRDs on request, resources in install order, then
// hooks, each as "---\n# Source: <path>\n<doc>\n"; --show-only filters; --output-dir writes files.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chartCrds } from '../chart/crds.ts';
import type { Chart } from '../chart/types.ts';
import { globMatch } from '../chart/glob-match.ts';
import { sortManifests } from '../manifest/sort-manifests.ts';
import { checkManifestYaml } from './manifest-yaml.ts';

export interface TemplateOutputOptions {
  includeCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  showOnly: string[];
  /** Write each document to <outputDir>/<template path> instead of printing it. */
  outputDir?: string;
  /** Where "wrote <file>" lines go when writing to outputDir. */
  log?: (line: string) => void;
}

interface SourcedDocument {
  path: string;
  content: string;
}

const notesSuffix = '/NOTES.txt';

function isTestHook(events: readonly string[] | undefined): boolean {
  return (events ?? []).includes('test');
}

/** Documents in the order helm template emits them. */
function orderedDocuments(chart: Chart, rendered: ReadonlyMap<string, string>, options: TemplateOutputOptions): SourcedDocument[] {
  const files = new Map([...rendered].filter(([path]) => !path.endsWith(notesSuffix)));
  checkManifestYaml(files);
  const { hooks, manifests } = sortManifests(files);
  const docs: SourcedDocument[] = [];
  if (options.includeCrds) {
    const decoder = new TextDecoder();
    for (const crd of chartCrds(chart)) docs.push({ path: crd.filename, content: decoder.decode(crd.file.data) });
  }
  for (const m of manifests) docs.push({ path: m.path, content: m.content });
  if (!options.noHooks) {
    for (const h of hooks) {
      if (options.skipTests && isTestHook(h.events)) continue;
      docs.push({ path: h.path ?? '', content: h.manifest ?? '' });
    }
  }
  return docs;
}

const sourceLine = (doc: SourcedDocument) => `---\n# Source: ${doc.path}\n${doc.content}\n`;

/** The text helm template prints to stdout. Throws helm's error when --show-only matches nothing. */
export function templateOutput(chart: Chart, rendered: ReadonlyMap<string, string>, options: TemplateOutputOptions): string {
  const docs = orderedDocuments(chart, rendered, options);
  if (options.outputDir !== undefined) {
    writeDocuments(options.outputDir, docs, options.log ?? ((line) => process.stdout.write(`${line}\n`)));
    // helm still prints its (empty) manifest buffer, trimmed, and a line break.
    return '\n';
  }
  const all = docs.map(sourceLine).join('');
  // The whole output is printed trimmed of white space, plus one line break.
  if (options.showOnly.length === 0) return `${all.trim()}\n`;
  return selectShown(all, options.showOnly).map((doc) => `---\n${doc}\n`).join('');
}

/** Helm re-splits its own output and matches each `# Source:` path (without the chart name) against the patterns. */
function selectShown(all: string, patterns: string[]): string[] {
  const documents = all.split(/(?:^|\s*\n)---\s*/).map((d) => d.trim()).filter((d) => d !== '');
  const shown: string[] = [];
  for (const pattern of patterns) {
    let found = false;
    for (const doc of documents) {
      const match = /# Source: [^/]+\/(.+)/.exec(doc);
      if (!match) continue;
      let matched = false;
      try {
        matched = globMatch(pattern, match[1]);
      } catch {
        matched = false;
      }
      if (!matched) continue;
      shown.push(doc);
      found = true;
    }
    if (!found) throw new Error(`could not find template ${pattern} in chart`);
  }
  return shown;
}

/** Each document appended to its template's file under the output directory, as helm does. */
function writeDocuments(outputDir: string, docs: SourcedDocument[], log: (line: string) => void): void {
  const written = new Set<string>();
  for (const doc of docs) {
    const file = join(outputDir, doc.path);
    mkdirSync(dirname(file), { recursive: true });
    if (written.has(file)) appendFileSync(file, sourceLine(doc));
    else writeFileSync(file, sourceLine(doc));
    written.add(file);
    log(`wrote ${file}`);
  }
}
