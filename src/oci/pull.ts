// Pulls a chart from a registry as helm does: the version by exact tag, by semver range over
// the repository's tags (highest match), or by digest (optionally checked against --version),
// then the manifest, config and chart layer, each checked against its digest.
import { SemverConstraint, SemverVersion } from '../funcs/semver.ts';
import { chartLayers, PROV_LAYER_MEDIA_TYPE, type ChartLayers } from './chart-manifest.ts';
import { RegistryClient, type RegistryClientOptions } from './client.ts';
import { formatOciReference, parseOciReference, tagToVersion, versionToTag, type OciReference } from './reference.ts';
import { transferReport } from './report.ts';

export interface PulledChart {
  /** The tag or digest pulled. */
  ref: OciReference;
  /** host/path:tag or host/path@digest, as helm prints it. */
  reference: string;
  layers: ChartLayers;
  /** The chart archive's bytes; absent when `cached` had it. */
  chart?: Buffer;
  /** The provenance file, when asked for and the manifest has one. */
  prov?: Buffer;
  /** Helm's report lines (stderr). */
  report: string;
}

const STRICT_SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function strictVersion(text: string): SemverVersion | undefined {
  return STRICT_SEMVER.test(text) ? SemverVersion.tryParse(text) : undefined;
}

function isVersion(text: string): boolean {
  return SemverVersion.tryParse(text) !== undefined;
}

/** The chart versions a repository's tags name, highest first (helm ignores other tags). */
export async function chartVersions(client: RegistryClient, repository: string): Promise<string[]> {
  const versions = (await client.tags(repository)).map(tagToVersion)
    .map((v) => ({ text: v, version: strictVersion(v) }))
    .filter((v): v is { text: string; version: SemverVersion } => v.version !== undefined);
  versions.sort((a, b) => b.version.compare(a.version));
  return versions.map((v) => v.version.toString());
}

/** The highest version equal to or satisfying `wanted` (any release when empty). */
export function matchVersion(versions: string[], wanted: string | undefined): string {
  if (wanted && versions.includes(wanted)) return wanted;
  const constraint = new SemverConstraint(wanted || '*');
  const found = versions.find((v) => constraint.check(SemverVersion.parse(v)));
  if (!found) throw new Error(`could not locate a version matching provided version string ${wanted ?? ''}`);
  return found;
}

/**
 * The reference to pull for `raw` and --version: a tag, a digest, or the tag a range picks.
 * A digest given together with a version must be what that version's tag points at.
 */
export async function resolveChartReference(client: RegistryClient, raw: string, version: string | undefined): Promise<OciReference> {
  const ref = parseOciReference(raw);
  if (version && ref.tag && ref.tag !== versionToTag(version)) {
    throw new Error(`chart reference and version mismatch: ${version} is not ${ref.tag}`);
  }
  const wanted = version || (ref.tag ? tagToVersion(ref.tag) : undefined);
  if (ref.digest) {
    if (wanted) {
      const tagged = await client.manifest(ref.repository, versionToTag(wanted));
      if (tagged && tagged.digest !== ref.digest) throw new Error(`chart reference digest mismatch: ${tagged.digest} is not ${ref.digest}`);
    }
    return { registry: ref.registry, repository: ref.repository, digest: ref.digest };
  }
  if (wanted && isVersion(wanted)) return { registry: ref.registry, repository: ref.repository, tag: versionToTag(wanted) };
  const versions = await chartVersions(client, ref.repository);
  if (versions.length === 0) throw new Error(`unable to locate any tags in provided repository: ${raw}`);
  return { registry: ref.registry, repository: ref.repository, tag: versionToTag(matchVersion(versions, wanted)) };
}

export interface PullOptions extends RegistryClientOptions {
  version?: string;
  withProv?: boolean;
  /** Returns true when the chart with this layer digest is already at hand (skips its download). */
  cached?: (chartDigest: string) => boolean;
}

export async function pullChart(raw: string, options: PullOptions): Promise<PulledChart> {
  const client = new RegistryClient(parseOciReference(raw).registry, options);
  return pullReference(client, await resolveChartReference(client, raw, options.version), options);
}

/** Pulls exactly `ref` (a tag as it is, or a digest): manifest, config and chart layer. */
export async function pullReference(client: RegistryClient, ref: OciReference, options: Omit<PullOptions, keyof RegistryClientOptions | 'version'> = {}): Promise<PulledChart> {
  const printed = formatOciReference(ref);
  const manifest = await client.manifest(ref.repository, (ref.tag ?? ref.digest)!);
  if (!manifest) {
    throw new Error(ref.tag
      ? `chart ${printed} not found: ${ref.registry}/${ref.repository} has no tag ${ref.tag}`
      : `chart ${printed} not found: ${ref.registry}/${ref.repository} has no manifest with that digest`);
  }
  const layers = chartLayers(printed, manifest.mediaType, manifest.body);
  const config = await client.blob(ref.repository, layers.config);
  try {
    JSON.parse(config.toString('utf8'));
  } catch {
    throw new Error(`${printed}: the chart's config blob (${layers.config.digest}) is not JSON`);
  }
  const chart = options.cached?.(layers.chart.digest) ? undefined : await client.blob(ref.repository, layers.chart);
  const prov = options.withProv && layers.prov ? await client.blob(ref.repository, layers.prov) : undefined;
  let report = layers.legacy ? 'Warning: chart media type application/tar+gzip is deprecated\n' : '';
  report += transferReport('Pulled', printed, manifest.digest, printed.includes('_'));
  return { ref, reference: printed, layers, chart, prov, report };
}

/** `pull --prov`: the chart's provenance layer (helm prints a second report for it). */
export async function pullProvenance(raw: string, options: PullOptions): Promise<Buffer> {
  const pulled = await pullChart(raw, { ...options, withProv: true, cached: () => true });
  if (!pulled.prov) throw new Error(`manifest does not contain a layer with mediatype ${PROV_LAYER_MEDIA_TYPE}`);
  process.stderr.write(pulled.report);
  return pulled.prov;
}

const repositoryBase = (ref: OciReference) => ref.repository.split('/').pop()!;
const digestName = (ref: OciReference) => `${repositoryBase(ref)}@${ref.digest!.replace(':', '-')}.tgz`;

/** helm's pull names a chart pulled by digest REPO@sha256-HEX.tgz; undefined for other references. */
export function digestArchiveName(raw: string): string | undefined {
  const ref = parseOciReference(raw);
  return ref.digest ? digestName(ref) : undefined;
}

/** The archive name helm checks a provenance file against: REPO-VERSION.tgz, or the digest name. */
export function provenanceFileName(ref: OciReference): string {
  return ref.tag ? `${repositoryBase(ref)}-${tagToVersion(ref.tag)}.tgz` : digestName(ref);
}
