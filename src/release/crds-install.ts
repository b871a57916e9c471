// Installing a chart's crds/ folders before an install renders anything, as helm 4.1.4 does:
// each file's objects are created (an existing one is left as it is), then waited for until
// Established, so that the chart's custom resources resolve when the release applies them.
import { chartCrds } from '../chart/crds.ts';
import type { Chart } from '../chart/types.ts';
import { parseObject, type KubeObject } from '../kube/objects.ts';
import { splitManifests } from '../manifest/split.ts';
import { waitSignal, type ActionContext } from './context.ts';

/** Helm gives new CRDs this long to be recognised. */
const establishTimeoutMs = 60_000;

export interface CrdInstallOptions {
  serverSideApply: boolean;
  forceConflicts: boolean;
}

export async function installChartCrds(ctx: ActionContext, chart: Chart, options: CrdInstallOptions): Promise<void> {
  const created: KubeObject[] = [];
  // One file at a time, in the order helm reads them; a file's failure names the file.
  for (const crd of chartCrds(chart)) {
    const fail = (err: unknown): never => { throw new Error(`failed to install CRD ${crd.name}: ${(err as Error).message ?? err}`, { cause: err }); };
    const objects = crdFileObjects(crd.name, crd.file.data);
    if (objects.length === 0) fail('resources are empty');
    try {
      for (const obj of objects) {
        created.push(options.serverSideApply
          ? await ctx.objects.apply(obj, ctx.namespace, { fieldManager: ctx.fieldManager, force: options.forceConflicts })
          : await ctx.objects.create(obj, ctx.namespace));
      }
    } catch (err) {
      // Already present (client-side create only): helm skips the rest of that file.
      if ((err as { status?: number }).status === 409 && !options.serverSideApply) continue;
      fail(err);
    }
  }
  if (created.length === 0) return;
  const signal = waitSignal(ctx, establishTimeoutMs);
  for (const obj of created.filter((o) => o.kind === 'CustomResourceDefinition')) {
    await ctx.objects.watchUntil(obj, ctx.namespace, isEstablished, signal);
  }
  // Kinds looked up before now were unknown; the release's custom resources must find them.
  ctx.objects.discovery.invalidate();
}

function crdFileObjects(name: string, data: Uint8Array): KubeObject[] {
  return splitManifests(new TextDecoder().decode(data))
    .filter((doc) => doc.split('\n').some((line) => !/^\s*(#.*)?$/.test(line)))
    .map((doc) => parseObject(doc, name));
}

function isEstablished(live: KubeObject | null): boolean {
  const conditions = (live?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Established' && c.status === 'True');
}
