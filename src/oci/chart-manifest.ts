// Helm's OCI layout of a chart: an image manifest whose config is the Chart.yaml metadata as
// JSON, with the chart archive (and its provenance file) as layers and the OCI annotations
// helm derives from Chart.yaml. Building it byte for byte as helm does gives equal digests.
import { encodeMetadata } from '../chart/metadata-json.ts';
import type { ChartMetadata } from '../chart/types.ts';
import { compareUtf8 } from '../codec/go-json.ts';
import { goJson } from '../codec/go-json.ts';
import { sha256Digest, type Descriptor } from './client.ts';

export const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const CHART_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
export const PROV_LAYER_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.provenance.v1.prov';
export const LEGACY_CHART_LAYER_MEDIA_TYPE = 'application/tar+gzip';

export interface ChartManifest {
  /** The manifest's bytes, as pushed. */
  body: Buffer;
  config: Buffer;
  /** Blobs to upload: the config and every layer. */
  blobs: Buffer[];
}

const descriptor = (mediaType: string, data: Buffer): Descriptor => ({ mediaType, digest: sha256Digest(data), size: data.length });

const sortedKeys = (record: Record<string, string>) => Object.fromEntries(Object.keys(record).sort(compareUtf8).map((k) => [k, record[k]]));

/** The OCI annotations helm sets: from Chart.yaml fields, then the chart's own annotations. */
export function chartAnnotations(meta: ChartMetadata, created: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (key: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  };
  add('org.opencontainers.image.description', meta.description);
  add('org.opencontainers.image.title', meta.name);
  add('org.opencontainers.image.version', meta.version);
  add('org.opencontainers.image.url', meta.home);
  add('org.opencontainers.image.created', created);
  add('org.opencontainers.image.source', meta.sources[0]);
  if (meta.maintainers.length > 0) {
    add('org.opencontainers.image.authors', meta.maintainers.map((m) => `${m.name}${m.email ? ` (${m.email})` : ''}`).join(', '));
  }
  // The title and version must stay what the chart is; other keys may be overridden.
  for (const [key, value] of Object.entries(meta.annotations)) {
    if (key !== 'org.opencontainers.image.title' && key !== 'org.opencontainers.image.version') out[key] = value;
  }
  return sortedKeys(out);
}

/** The config blob: chart.Metadata as Go's json.Marshal writes it (a Go map's keys sorted). */
export function chartConfig(meta: ChartMetadata): Buffer {
  const config = encodeMetadata(meta);
  if (config.annotations) config.annotations = sortedKeys(meta.annotations);
  return Buffer.from(goJson(config), 'utf8');
}

/** The manifest helm pushes for a chart archive (layers sorted by digest, as helm sorts them). */
export function buildChartManifest(meta: ChartMetadata, chart: Buffer, prov: Buffer | undefined, created: string): ChartManifest {
  const config = chartConfig(meta);
  const layers = [descriptor(CHART_LAYER_MEDIA_TYPE, chart)];
  if (prov) layers.push(descriptor(PROV_LAYER_MEDIA_TYPE, prov));
  layers.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  const manifest = {
    schemaVersion: 2,
    config: descriptor(CONFIG_MEDIA_TYPE, config),
    layers,
    annotations: chartAnnotations(meta, created),
  };
  return { body: Buffer.from(goJson(manifest), 'utf8'), config, blobs: [config, chart, ...(prov ? [prov] : [])] };
}

export interface ChartLayers {
  config: Descriptor;
  chart: Descriptor;
  prov?: Descriptor;
  /** Set when the chart layer uses the media type helm 3.7 and older pushed. */
  legacy: boolean;
}

/** Finds the config, chart and provenance descriptors of a pulled manifest, or says what is wrong. */
export function chartLayers(reference: string, mediaType: string, body: Buffer): ChartLayers {
  let manifest: { mediaType?: string; config?: Descriptor; layers?: Descriptor[] };
  try {
    manifest = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Error(`${reference}: the registry's manifest is not JSON`);
  }
  const type = manifest.mediaType || mediaType;
  if (type !== MANIFEST_MEDIA_TYPE) {
    throw new Error(`${reference} is not a Helm chart: its manifest has media type ${JSON.stringify(type)}, expected ${MANIFEST_MEDIA_TYPE}`);
  }
  if (manifest.config?.mediaType !== CONFIG_MEDIA_TYPE) {
    throw new Error(`${reference} is not a Helm chart: could not load config with mediatype ${CONFIG_MEDIA_TYPE} (found ${JSON.stringify(manifest.config?.mediaType ?? null)})`);
  }
  const layers = manifest.layers ?? [];
  const current = layers.find((l) => l.mediaType === CHART_LAYER_MEDIA_TYPE);
  const legacy = layers.find((l) => l.mediaType === LEGACY_CHART_LAYER_MEDIA_TYPE);
  const chart = current ?? legacy;
  if (!chart) {
    throw new Error(`${reference} is not a Helm chart: manifest does not contain a layer with mediatype ${CHART_LAYER_MEDIA_TYPE} (layers: ${layers.map((l) => l.mediaType).join(', ') || 'none'})`);
  }
  return { config: manifest.config, chart, prov: layers.find((l) => l.mediaType === PROV_LAYER_MEDIA_TYPE), legacy: !current };
}
