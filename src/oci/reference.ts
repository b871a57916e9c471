// oci:// chart references as helm reads them: registry host, repository path, and an optional
// tag (a chart version, '+' stored as '_') and/or digest (repository@sha256:...).

export const OCI_SCHEME = 'oci://';

export interface OciReference {
  /** host[:port] */
  registry: string;
  /** the repository path inside the registry, e.g. charts/nginx */
  repository: string;
  tag?: string;
  digest?: string;
}

export const isOciReference = (reference: string) => reference.startsWith(OCI_SCHEME);

// The distribution spec's grammar for repository names and tags.
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Tags cannot hold '+', so helm stores a chart version's build metadata after '_'. */
export const versionToTag = (version: string) => version.replaceAll('+', '_');
export const tagToVersion = (tag: string) => tag.replaceAll('_', '+');

/** Parses `oci://host/path[:tag][@digest]` (the scheme is optional). */
export function parseOciReference(raw: string): OciReference {
  let rest = raw.startsWith(OCI_SCHEME) ? raw.slice(OCI_SCHEME.length) : raw;
  let digest: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`invalid OCI reference ${JSON.stringify(raw)}: the digest must be sha256: followed by 64 hex digits`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) throw new Error(`invalid OCI reference ${JSON.stringify(raw)}: expected oci://HOST/PATH, e.g. oci://registry.example/charts/nginx`);
  const registry = rest.slice(0, slash);
  let repository = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = repository.lastIndexOf(':');
  if (colon >= 0) {
    tag = versionToTag(repository.slice(colon + 1));
    repository = repository.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`invalid OCI reference ${JSON.stringify(raw)}: ${JSON.stringify(tag)} is not a valid tag`);
  }
  if (!REPOSITORY.test(repository)) {
    throw new Error(`invalid OCI reference ${JSON.stringify(raw)}: repository ${JSON.stringify(repository)} must be lower-case letters, digits and . _ - separated by /`);
  }
  return { registry, repository, tag, digest };
}

/** host/path:tag, host/path@digest or host/path:tag@digest, as helm prints references. */
export function formatOciReference(ref: OciReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
