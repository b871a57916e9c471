// `--wait`: watches every resource of a release until all are ready, one fails, or the timeout
// passes; the error names each resource that is not ready, as Helm 4 does.
import type { KubeObject } from '../kube/objects.ts';
import { readiness, type Readiness } from '../kube/readiness.ts';
import { waitSignal, type ActionContext } from './context.ts';

export async function waitForResources(ctx: ActionContext, objects: KubeObject[], options: { timeoutMs: number; waitForJobs: boolean }): Promise<void> {
  if (objects.length === 0) return;
  const what = `${objects.length} resource(s) to be ready`;
  ctx.emit({ type: 'waiting', what, timeoutMs: options.timeoutMs });
  const signal = waitSignal(ctx, options.timeoutMs);
  const results = await Promise.all(objects.map(async (obj) => {
    let last: Readiness = { ready: false, message: 'not observed yet' };
    try {
      await ctx.objects.watchUntil(obj, ctx.namespace, (live) => {
        if (!live) return false;
        last = readiness(live, options.waitForJobs);
        return last.ready || last.failed === true;
      }, signal);
    } catch (err) {
      if (!signal.aborted) throw err;
    }
    return { obj, last };
  }));
  const notReady = results.filter((r) => !r.last.ready);
  if (notReady.length === 0) {
    ctx.emit({ type: 'wait-finished', what, ok: true });
    return;
  }
  const lines = notReady.map(({ obj, last }) =>
    `resource ${obj.kind}/${obj.metadata.namespace ?? ctx.namespace}/${obj.metadata.name} not ready. status: ${last.failed ? 'Failed' : 'InProgress'}, message: ${last.message}`);
  if (signal.aborted) lines.push('context deadline exceeded');
  const message = lines.join('\n');
  ctx.emit({ type: 'wait-finished', what, ok: false, detail: message });
  throw new Error(message);
}
