// Runs helm v4 and Hookline's CLI with the same arguments against the test cluster (each in
// its own twin namespace) and normalises what legitimately differs between the two runs: the
// namespace name, the deploy time and the tool's name in usage messages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Release } from '../../src/release/record.ts';
import { testClient, testKubeconfig } from './cluster.ts';
import { releaseRecords, type HelmRun } from './lifecycle-harness.ts';
import { runCli, type Tool } from './run-process.ts';

export type { Tool } from './run-process.ts';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Pass no --kubeconfig (the test sets KUBECONFIG or a global flag itself). */
  noKubeconfig?: boolean;
  /** The working directory (default: the test's). */
  cwd?: string;
}

/** One tool with the arguments, --kubeconfig appended unless told otherwise. */
export function runTool(tool: Tool, args: string[], options: RunOptions = {}): Promise<HelmRun> {
  const argv = [...args, ...(options.noKubeconfig ? [] : ['--kubeconfig', testKubeconfig()])];
  return runCli(tool, argv, { env: options.env, cwd: options.cwd });
}

/** Both tools at once with the arguments `args(tool)` gives each. */
export async function runBothTools(args: (tool: Tool) => string[], options: RunOptions = {}): Promise<Record<Tool, HelmRun>> {
  const [helm, hookline] = await Promise.all([runTool('helm', args('helm'), options), runTool('hookline', args('hookline'), options)]);
  return { helm, hookline };
}

/**
 * The text of a run with what differs between two runs made alike: the namespace name, deploy
 * times (and so the table padding around them), resource ages, the tool's name in usage lines.
 */
export function comparable(text: string, namespace?: string): string {
  let out = namespace ? text.split(namespace).join('NS') : text;
  out = out.replace(/^(LAST DEPLOYED|Last Started|Last Completed): .*$/gm, '$1: TIME');
  out = out.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \w+/g, 'TIME')
    .replace(/\b[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\b/g, 'TIME')
    .replace(/ +\t/g, '\t').replace(/ +$/gm, '').replace(/\b\d+(m\d+)?s$/gm, 'AGE');
  out = out.replace(/"helm (\w+)"/g, '"TOOL $1"').replace(/Usage: {2}helm /g, 'Usage:  TOOL ').replace(/"hookline (\w+)"/g, '"TOOL $1"').replace(/Usage: {2}hookline /g, 'Usage:  TOOL ');
  return out;
}

/** helm logs some errors twice (a level=ERROR line, then "Error: ..."): the line the user reads. */
export function errorLine(stderr: string): string {
  return stderr.split('\n').filter((l) => l.startsWith('Error: ')).join('\n');
}

/** A chart written to a temporary directory from path -> text. */
export function writeChart(files: Record<string, string>, prefix = 'hookline-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/**
 * What the two tools must store alike: each revision's status, description, values, manifest
 * and hooks. Empty values count as none (how the record encodes them is the codec's test).
 */
export function storedView(records: Release[], namespace: string) {
  const n = (t: string | undefined) => (t ?? '').split(namespace).join('NS');
  return records.map((r) => ({
    version: r.version, status: r.info.status, description: n(r.info.description), config: r.config ?? {}, manifest: n(r.manifest),
    notes: n(r.info.notes), hooks: (r.hooks ?? []).map((h) => ({ name: h.name, kind: h.kind, events: h.events, phase: h.last_run?.phase || '' })),
  }));
}

export async function storedHistory(namespace: string, release: string) {
  return storedView(await releaseRecords(testClient(), namespace, release), namespace);
}
