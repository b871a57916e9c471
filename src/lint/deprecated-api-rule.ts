// lint's deprecated-API rule, as helm's rules/deprecations: an object whose apiVersion and kind
// Kubernetes marks deprecated in or before the target version (--kube-version, else helm's
// default) gets a warning naming the version it was deprecated in, the one it is gone in, and
// what replaces it. Kinds Kubernetes' Go client no longer knows are not checked, as in helm.
import { deprecatedApis, type DeprecatedApi } from './deprecated-apis.ts';

export interface KubeMinorVersion {
  major: number;
  minor: number;
}

const byApiVersionAndKind = new Map<string, DeprecatedApi>(deprecatedApis.map((api) => [`${api.apiVersion} ${api.kind}`, api]));

const atOrBefore = (version: KubeMinorVersion, target: KubeMinorVersion) =>
  version.major < target.major || (version.major === target.major && version.minor <= target.minor);

const versionText = (v: KubeMinorVersion) => `v${v.major}.${v.minor}`;

/** The warning for one rendered object, or undefined when its API is not deprecated for `target`. */
export function deprecatedApiWarning(apiVersion: string, kind: string, target: KubeMinorVersion): string | undefined {
  const api = byApiVersionAndKind.get(`${apiVersion} ${kind}`);
  // A target of 0.0 means "no version known": Kubernetes then counts every deprecation.
  if (api === undefined || !(atOrBefore(api.deprecated, target) || (target.major === 0 && target.minor === 0))) return undefined;
  let text = `${apiVersion} ${kind} is deprecated in ${versionText(api.deprecated)}+`;
  if (api.removed) text += `, unavailable in ${versionText(api.removed)}+`;
  if (api.replacement) text += `; use ${api.replacement}`;
  return text;
}
