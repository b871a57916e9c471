// Plugin folders for the plugin tests: a post-renderer made of sh and sed, and whatever else a
// test writes, under a throwaway HELM_DATA_HOME shared by helm and Hookline.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data home; its plugins/ folder is where both tools look when HELM_PLUGINS is unset. */
export function dataHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hookline-plugins-'));
  mkdirSync(join(dir, 'plugins'));
  return dir;
}

/** Writes a plugin folder (plugin.yaml plus executable files) and returns its path. */
export function writePlugin(parent: string, dirName: string, pluginYaml: string, scripts: Record<string, string> = {}): string {
  const dir = join(parent, dirName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'plugin.yaml'), pluginYaml);
  for (const [name, text] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), text);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

/** A postrenderer/v1 plugin running `sh $HELM_PLUGIN_DIR/<script>` with its platformCommand args first. */
export function postRendererYaml(name: string, script: string, args: string[] = []): string {
  return [
    'apiVersion: v1', `name: ${name}`, 'type: postrenderer/v1', 'runtime: subprocess', 'version: 0.1.0',
    'runtimeConfig:', '  platformCommand:',
    // A command for another system first: the one for this OS must be chosen.
    '    - os: windows', '      command: never-run.exe',
    `    - command: sh \${HELM_PLUGIN_DIR}/${script}`, `      args: ${JSON.stringify(args)}`, '',
  ].join('\n');
}

/**
 * The sed post-renderer: keeps a copy of what it was given ($SEEN), replaces REPLACE_ME with
 * its arguments joined by "-", labels every document with the plugin's name and appends one
 * document of its own (which has no file annotation).
 */
export const sedScript = [
  '#!/bin/sh',
  'tee "${SEEN:-/dev/null}" | sed -e "s/REPLACE_ME/$(echo "$@" | tr \' \' -)/g" -e "s/^metadata:$/metadata:\\n  labels: {post-rendered-by: $HELM_PLUGIN_NAME}/"',
  'printf -- "---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: added-by-plugin\\ndata:\\n  dir: \'%s\'\\n" "$(basename "$HELM_PLUGIN_DIR")"',
  '',
].join('\n');
