// Helm's rule for release names, checked by `template` as by the actions that store a release.

const releaseNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Helm's release name rule: a DNS-1123 subdomain of at most 53 characters. */
export function validateReleaseName(name: string): void {
  if (name === '' || name.length > 53 || !releaseNamePattern.test(name)) {
    throw new Error(`release name "${name}": invalid release name, must match regex ${releaseNamePattern.source} and the length must not be longer than 53`);
  }
}
