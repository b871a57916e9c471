// `.Capabilities` as helm 4.1.4 gives it to templates: the Kubernetes version, the API
// versions (with .Has) and Helm's build info. Without a cluster, Helm's built-in defaults
// (default-capabilities.json, read from the reference helm) stand in, as in `helm template`.
import capabilitiesJson from './default-capabilities.json' with { type: 'json' };
import { GoStruct as JsonStruct } from '../codec/go-json.ts';
import { sprint } from '../gofmt/fmt.ts';
import { markNamedSlice, goFunc, type GoFunc, type GoObject, type GoValue } from '../govalue/types.ts';

interface DefaultCapabilities {
  kubeVersion: string;
  apiVersions: string[];
  helmVersion: { version: string; git_commit: string; git_tree_state: string; go_version: string; kube_client_version: string };
}

// A JSON import, so a bundle carries the file inside it.
export const defaultCapabilities: DefaultCapabilities = capabilitiesJson;

/** A struct-like GoObject with fixed fields, the values fmt prints, and optional methods. */
class GoStruct implements GoObject {
  readonly goType: string;
  readonly fields: Record<string, GoValue>;
  readonly methods: Record<string, GoFunc>;
  readonly structFields: () => readonly GoValue[];
  readonly json: () => GoValue | JsonStruct;
  readonly printed?: () => string;
  constructor(goType: string, fields: Record<string, GoValue>, opts: { methods?: Record<string, GoFunc>; structFields: () => readonly GoValue[]; printed?: () => string; json: () => GoValue | JsonStruct }) {
    this.goType = goType;
    this.fields = fields;
    this.methods = opts.methods ?? {};
    this.structFields = opts.structFields;
    if (opts.printed) this.printed = opts.printed;
    this.json = opts.json;
  }
  field(name: string): GoValue | undefined { return Object.hasOwn(this.fields, name) ? this.fields[name] : undefined; }
  method(name: string): GoFunc | undefined { return this.methods[name]; }
  format(): string { return sprint(this); }
  jsonValue(): GoValue | JsonStruct { return this.json(); }
}

/**
 * Helm 4's --kube-version parsing (Kubernetes' generic version parser): at least major.minor,
 * no zero-prefixed parts; Version keeps the text (with a "v"), String() only the numbers.
 */
export function parseKubeVersion(text: string): { version: string; numbers: string; major: string; minor: string } {
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/s.exec(text);
  if (!match) throw new Error(`invalid kube version '${text}': could not parse "${text}" as version`);
  const parts = match[1].split('.');
  if (parts.length < 2) throw new Error(`invalid kube version '${text}': illegal version string "${text}"`);
  const zeroPrefixed = parts.find((p) => p.length > 1 && p.startsWith('0'));
  if (zeroPrefixed) throw new Error(`invalid kube version '${text}': illegal zero-prefixed version component "${zeroPrefixed}" in "${text}"`);
  const bare = text.startsWith('v') ? text.slice(1) : text;
  return { version: `v${bare}`, numbers: `v${parts.join('.')}`, major: parts[0], minor: parts[1] };
}

// Helm's KubeVersion has String and GitVersion on the pointer: a template action that prints it
// gets String(), a function given it (quote, print, toString) gets the fields, the unexported
// normalized version among them.
function kubeVersionObject(text: string): GoObject {
  const { version, numbers, major, minor } = parseKubeVersion(text);
  return new GoStruct('common.KubeVersion', { Version: version, Major: major, Minor: minor }, {
    methods: { GitVersion: goFunc('GitVersion', () => version), String: goFunc('String', () => numbers) },
    structFields: () => [version, numbers, major, minor],
    printed: () => numbers,
    json: () => new JsonStruct([['Version', version], ['Major', major], ['Minor', minor]]),
  });
}

// `type VersionSet []string` with its Has method: a slice to len, index, range and Sprig's lists.
function apiVersionsSlice(versions: string[]): GoValue[] {
  const known = new Set(versions);
  return markNamedSlice([...versions], 'string', 'common.VersionSet', {
    Has: goFunc('Has', (v) => typeof v === 'string' && known.has(v)),
  });
}

function helmVersionObject(): GoObject {
  const h = defaultCapabilities.helmVersion;
  const fields = { Version: h.version, GitCommit: h.git_commit, GitTreeState: h.git_tree_state, GoVersion: h.go_version, KubeClientVersion: h.kube_client_version };
  return new GoStruct('version.BuildInfo', fields, {
    structFields: () => Object.values(fields),
    json: () => new JsonStruct(Object.entries(h)),
  });
}

/** The cluster's version and API versions, as discovery reports them (src/kube/capabilities.ts). */
export interface ClusterCapabilities {
  kubeVersion: string; // e.g. "v1.35.4"
  apiVersions: string[];
}

export interface CapabilitiesOptions {
  /** The cluster's (or --kube-version's) version; Helm's default when absent. */
  kubeVersion?: string;
  /** The cluster's API versions; Helm's defaults when absent. */
  apiVersions?: string[];
  /** --api-versions: added to the others. */
  extraApiVersions?: string[];
}

export function capabilitiesObject(options: CapabilitiesOptions = {}): GoObject {
  const kubeVersion = kubeVersionObject(options.kubeVersion ?? defaultCapabilities.kubeVersion);
  const apiVersions = apiVersionsSlice([...(options.apiVersions ?? defaultCapabilities.apiVersions), ...(options.extraApiVersions ?? [])]);
  const helmVersion = helmVersionObject();
  // Fields in the struct's order. An action prints the struct the pointer points to; a function
  // gets the pointer, which fmt prints with "&".
  const capabilities: GoStruct = new GoStruct('*common.Capabilities', { APIVersions: apiVersions, KubeVersion: kubeVersion, HelmVersion: helmVersion }, {
    structFields: () => [kubeVersion, apiVersions, helmVersion],
    printed: () => capabilities.format().slice(1),
    json: () => new JsonStruct([['KubeVersion', kubeVersion], ['APIVersions', apiVersions], ['HelmVersion', helmVersion]]),
  });
  return capabilities;
}

export { GoStruct };
