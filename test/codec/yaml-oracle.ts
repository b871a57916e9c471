// go-yaml itself, as the reference for YAML errors: test/codec/yaml-oracle/main.go built by its
// build.sh (once per source version, cached) reads documents and says what sigs.k8s.io/yaml
// (helm's values, fromYaml and manifests) and go-yaml v3 make of each.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface OracleVerdict {
  /** sigs.k8s.io/yaml.Unmarshal's error, or null when it reads the document. */
  v2: string | null;
  /** go-yaml v3's Unmarshal error into a yaml.Node, or null. */
  v3: string | null;
}

let binary: string | undefined;

function oracleBinary(): string {
  if (binary) return binary;
  const script = join(import.meta.dirname, 'yaml-oracle', 'build.sh');
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`yaml-oracle/build.sh exited with ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').slice(-10).join('\n')}`);
  binary = result.stdout.trim().split('\n').pop()!;
  return binary;
}

export function goYamlVerdicts(docs: string[]): OracleVerdict[] {
  const result = spawnSync(oracleBinary(), { input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`yaml-oracle exited with ${result.status ?? result.signal}: ${result.stderr}`);
  return JSON.parse(result.stdout) as OracleVerdict[];
}
