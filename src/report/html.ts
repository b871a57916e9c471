// The timeline of one lifecycle action as a single self-contained HTML page: a header with the
// outcome, a Gantt chart of every step on a shared time axis, and the details of each failed hook.
import type { ActionName, HookFailure, HookRef, TimedEvent } from '../release/events.ts';
import type { Timeline, TimelineStep } from './timeline.ts';

type Result = TimelineStep['result'];

const marks: Record<Result, string> = { ok: '✓', failed: '✗', info: '•' };
const resultWords: Record<Result, string> = { ok: 'succeeded', failed: 'failed', info: 'recorded' };

/** Escapes text for use in element content and in double- or single-quoted attributes. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A duration as a person reads it: 850 ms, 12.3 s, 2 min 05 s. */
function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  // Round on tenths first: toFixed alone turns 9850 ms into 9.8 s through binary rounding.
  if (ms < 59_950) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
}

/** An axis tick label in one unit for the whole axis, chosen by the tick spacing. */
function formatTick(ms: number, step: number): string {
  if (ms === 0) return '0';
  if (step >= 60_000) return `${ms / 60_000} min`;
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** Wall-clock time in UTC so the report reads the same wherever it is opened. */
function formatInstant(at: number): string {
  return `${new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

const tickSteps = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** Round tick spacing giving at most about ten ticks over [0, total]. */
function tickStep(totalMs: number): number {
  return tickSteps.find((s) => totalMs / s <= 10) ?? Math.ceil(totalMs / 10 / 3_600_000) * 3_600_000;
}

function percent(part: number, whole: number): string {
  return `${Math.min(100, Math.max(0, (part / whole) * 100)).toFixed(3)}%`;
}

interface ActionFacts {
  action?: ActionName;
  release?: string;
  namespace?: string;
  revision?: number;
  status?: string;
  error?: string;
}

function actionFacts(events: TimedEvent[]): ActionFacts {
  const facts: ActionFacts = {};
  for (const e of events) {
    if (e.type === 'action-started') Object.assign(facts, { action: e.action, release: e.release, namespace: e.namespace, revision: e.revision });
    if (e.type === 'action-finished') Object.assign(facts, { revision: e.revision, status: e.status, error: e.error });
  }
  return facts;
}

interface FailedHook {
  anchor: string;
  hook: HookRef;
  elapsedMs: number;
  failure?: HookFailure;
}

/**
 * The failed hooks, keyed by the index of their timeline step. buildTimeline makes exactly one
 * hook step per hook-finished event, in order, so the n-th of each belong together.
 */
function failedHooksByStep(timeline: Timeline, events: TimedEvent[]): Map<number, FailedHook> {
  const finished = events.filter((e) => e.type === 'hook-finished');
  const hookStepIndexes = timeline.steps.flatMap((s, i) => (s.kind === 'hook' ? [i] : []));
  const byStep = new Map<number, FailedHook>();
  hookStepIndexes.forEach((stepIndex, n) => {
    const e = finished[n];
    if (!e || timeline.steps[stepIndex].result !== 'failed') return;
    byStep.set(stepIndex, { anchor: `failed-hook-${byStep.size + 1}`, hook: e.hook, elapsedMs: e.elapsedMs, failure: e.failure });
  });
  return byStep;
}

/** "upgrade shop-api" when the action-started event is there, else the timeline's own title. */
function headingOf(timeline: Timeline, facts: ActionFacts): string {
  return facts.action && facts.release ? `${facts.action} ${facts.release}` : timeline.title;
}

function renderHeader(timeline: Timeline, facts: ActionFacts, failedHooks: number): string {
  const result: Result = timeline.ok ? 'ok' : 'failed';
  const outcome = timeline.ok ? 'Succeeded' : 'Failed';
  const chips = [
    facts.namespace !== undefined ? ['Namespace', facts.namespace] : undefined,
    facts.revision !== undefined ? ['Revision', String(facts.revision)] : undefined,
    facts.status ? ['Release status', facts.status] : undefined,
    ['Total duration', formatDuration(timeline.totalMs)],
    ['Started', formatInstant(timeline.startedAt)],
    ['Steps', `${timeline.steps.length}${failedHooks ? `, ${failedHooks} failed hook${failedHooks > 1 ? 's' : ''}` : ''}`],
  ].filter((c): c is string[] => c !== undefined);
  return `<header class="top ${result}">
  <div class="headline">
    <h1>${esc(headingOf(timeline, facts))}</h1>
    <p class="outcome ${result}"><span class="mark" aria-hidden="true">${marks[result]}</span> ${outcome}</p>
  </div>
  <dl class="facts">${chips.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
  ${facts.error ? `<p class="error-summary"><strong>Error:</strong> ${esc(facts.error)}</p>` : ''}
</header>`;
}

function renderAxis(ticks: number[], step: number, total: number): string {
  return `<div class="row axis" aria-hidden="true"><div class="label-cell">Step</div><div class="track">${ticks
    .map((t) => `<span class="tick" style="left:${percent(t, total)}"><span>${esc(formatTick(t, step))}</span></span>`)
    .join('')}</div><div class="timing">Start · Duration</div></div>`;
}

function renderStep(step: TimelineStep, index: number, total: number, ticks: number[], failed?: FailedHook): string {
  const instant = step.durationMs === 0;
  const barClass = `bar ${step.result}${instant ? ' instant' : ''}`;
  const summary = `${marks[step.result]} ${step.label}: ${resultWords[step.result]}, starts at ${formatDuration(step.startMs)}${instant ? '' : `, takes ${formatDuration(step.durationMs)}`}`;
  const width = instant ? '' : `;width:${percent(step.durationMs, total)}`;
  const name = failed ? `<a href="#${failed.anchor}">${esc(step.label)}</a>` : esc(step.label);
  return `<li class="row step ${step.result}" id="step-${index + 1}">
  <div class="label-cell"><span class="mark ${step.result}" aria-hidden="true">${marks[step.result]}</span><span class="name">${name}<span class="visually-hidden"> (${esc(resultWords[step.result])})</span></span><span class="about"><span class="kind">${esc(step.kind)}</span>${step.detail ? ` ${esc(step.detail)}` : ''}</span></div>
  <div class="track">${ticks.map((t) => `<span class="grid" style="left:${percent(t, total)}"></span>`).join('')}<span class="${barClass}" style="left:${percent(step.startMs, total)}${width}" title="${esc(summary)}"></span></div>
  <div class="timing"><span>${esc(formatDuration(step.startMs))}</span> · <span>${instant ? '—' : esc(formatDuration(step.durationMs))}</span></div>
</li>`;
}

function renderChart(timeline: Timeline, failedByStep: Map<number, FailedHook>): string {
  const total = Math.max(timeline.totalMs, 1);
  const step = tickStep(total);
  const ticks = Array.from({ length: Math.floor(total / step) + 1 }, (_, i) => i * step);
  const rows = timeline.steps.map((s, i) => renderStep(s, i, total, ticks, failedByStep.get(i))).join('\n');
  return `<section class="chart" aria-labelledby="chart-title">
  <h2 id="chart-title">Timeline</h2>
  <p class="legend"><span class="key ok">✓ succeeded</span><span class="key failed">✗ failed</span><span class="key info">• recorded</span><span class="key-note">Bars share one time axis from the start of the action; a diamond marks an instant.</span></p>
  ${renderAxis(ticks, step, total)}
  <ol class="steps">
${rows || '<li class="row empty">No steps were recorded.</li>'}
  </ol>
</section>`;
}

function renderFailure(failed: FailedHook): string {
  const { hook, failure } = failed;
  const facts: [string, string | undefined][] = [
    ['Hook event', hook.event],
    ['Weight', String(hook.weight)],
    ['Template', hook.path],
    ['Ran for', formatDuration(failed.elapsedMs)],
    ['Exit code', failure?.exitCode !== undefined ? String(failure.exitCode) : undefined],
    ['Pod', failure?.pod],
    ['Container', failure?.container],
  ];
  const logTitle = failure?.pod ? `Last log lines of pod ${failure.pod}${failure.container ? `, container ${failure.container}` : ''}` : 'Last log lines';
  const logs = !failure
    ? '<p class="none">No failure details were recorded for this hook.</p>'
    : failure.logTail.length > 0
      ? `<h4>${esc(logTitle)}</h4><pre class="log">${failure.logTail.map(esc).join('\n')}</pre>`
      : `<p class="none">${failure.pod ? `Pod ${esc(failure.pod)} wrote no log output.` : 'No log output was captured.'}</p>`;
  const related = failure && failure.events.length > 0
    ? `<h4>Related events</h4><ul class="events">${failure.events.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`
    : '';
  return `<article class="failure" id="${failed.anchor}">
  <h3><span class="mark failed" aria-hidden="true">✗</span> ${esc(`${hook.kind}/${hook.name}`)} <span class="reason">${esc(failure?.reason ?? 'Failed')}</span></h3>
  ${failure?.message ? `<p class="message">${esc(failure.message)}</p>` : ''}
  <dl class="hook-facts">${facts.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v!)}</dd></div>`).join('')}</dl>
  ${logs}
  ${related}
</article>`;
}

function renderFailures(failedByStep: Map<number, FailedHook>): string {
  if (failedByStep.size === 0) return '';
  return `<section class="failures" aria-labelledby="failures-title">
  <h2 id="failures-title">Failed hooks</h2>
  ${[...failedByStep.values()].map(renderFailure).join('\n')}
</section>`;
}

const style = `
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--failed:#cf222e;--failed-bg:#ffebe9;--info:#0969da;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft-line:#eef1f4;--grid:#e4e8ec;--card:#fff;--bg:#f6f8fa;--log-bg:#1f2328;--mono:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;--label:340px;--timing:150px;color-scheme:light dark}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:20px 24px 40px}
h1,h2,h3,h4{margin:0;line-height:1.25}
h2{font-size:18px;margin-bottom:10px}
.top,.chart,.failure{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-bottom:16px}
.top.ok{border-top:6px solid var(--ok)}
.top.failed{border-top:6px solid var(--failed)}
.headline{display:flex;align-items:center;justify-content:space-between;gap:16px;flex-wrap:wrap}
h1{font-size:24px}
.outcome{margin:0;padding:4px 14px;border-radius:999px;font-weight:700;font-size:16px}
.outcome.ok{background:var(--ok-bg);color:var(--ok)}
.outcome.failed{background:var(--failed-bg);color:var(--failed)}
.facts{display:flex;flex-wrap:wrap;gap:8px 28px;margin:14px 0 0}
.facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.facts dd{margin:0;font-weight:600}
.error-summary{margin:12px 0 0;padding:8px 12px;background:var(--failed-bg);border-left:4px solid var(--failed);border-radius:4px;overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:8px 18px;margin:0 0 10px;color:var(--muted);font-size:13px}
.key{font-weight:600}.key.ok{color:var(--ok)}.key.failed{color:var(--failed)}.key.info{color:var(--info)}
.steps{list-style:none;margin:0;padding:0}
.row{display:grid;grid-template-columns:var(--label) 1fr var(--timing);align-items:center;gap:12px;min-height:44px;border-bottom:1px solid var(--soft-line)}
.row.axis{min-height:28px;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line)}
.row.step.failed{background:linear-gradient(90deg,var(--failed-bg),transparent 60%)}
.label-cell{display:grid;grid-template-columns:20px 1fr;column-gap:6px;align-items:baseline;padding:6px 0 6px 6px;min-width:0}
.label-cell .mark{font-weight:700;font-size:15px;grid-row:1 / span 2}
.mark.ok{color:var(--ok)}.mark.failed{color:var(--failed)}.mark.info{color:var(--info)}
.kind{font-size:10px;text-transform:uppercase;letter-spacing:.05em;border:1px solid var(--line);border-radius:4px;padding:0 4px;margin-right:2px}
.name{font-weight:600;overflow-wrap:anywhere}
.name a{color:inherit;text-decoration-color:var(--failed);text-underline-offset:3px}
.about{grid-column:2;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.track{position:relative;height:100%;min-height:28px}
.tick{position:absolute;top:0;bottom:0;border-left:1px solid var(--line)}
.tick span{position:absolute;top:6px;white-space:nowrap;transform:translateX(-50%)}
.tick:first-child span{transform:translateX(3px)}
.grid{position:absolute;top:0;bottom:0;border-left:1px dashed var(--grid)}
.bar{position:absolute;top:50%;height:18px;margin-top:-9px;min-width:5px;border-radius:4px}
.bar.ok{background:var(--ok)}
.bar.failed{background:repeating-linear-gradient(135deg,var(--failed) 0 7px,#a40e26 7px 12px)}
.bar.info{background:var(--info)}
.bar.instant{width:14px;height:14px;margin:-7px 0 0 -7px;min-width:0;border-radius:2px;transform:rotate(45deg)}
.timing{font-variant-numeric:tabular-nums;color:var(--muted);text-align:right;padding-right:6px;font-size:13px}
.failures h2{margin-top:8px}
.failure{border-left:6px solid var(--failed)}
.failure h3{font-size:17px;display:flex;align-items:baseline;gap:8px;flex-wrap:wrap;overflow-wrap:anywhere}
.failure .reason{font-size:13px;background:var(--failed-bg);color:var(--failed);border-radius:999px;padding:1px 10px}
.message{margin:8px 0 0;font-weight:600;overflow-wrap:anywhere}
.hook-facts{display:flex;flex-wrap:wrap;gap:6px 24px;margin:10px 0}
.hook-facts dt{font-size:12px;color:var(--muted)}
.hook-facts dd{margin:0;font-family:var(--mono);font-size:13px;overflow-wrap:anywhere}
h4{font-size:13px;margin:12px 0 6px;color:var(--muted)}
.log{margin:0;padding:10px 12px;background:var(--log-bg);color:#f0f3f6;border-radius:6px;overflow-x:auto;font:12.5px/1.5 var(--mono);white-space:pre-wrap;overflow-wrap:anywhere}
.events{margin:0;padding-left:20px;white-space:pre-wrap;font-family:var(--mono);font-size:12.5px}
.none{color:var(--muted);font-style:italic}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (max-width:800px){:root{--label:1fr;--timing:1fr}.row{grid-template-columns:1fr;gap:2px}.row.axis{display:none}.track{min-height:24px}.timing{text-align:left}}
@media (prefers-color-scheme:dark){:root{--ok:#3fb950;--ok-bg:#12261e;--failed:#f85149;--failed-bg:#301a1f;--info:#4493f8;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft-line:#262c33;--grid:#2a3038;--card:#151b23;--bg:#0d1117;--log-bg:#010409}}
@media print{body{background:#fff}.top,.chart,.failure{break-inside:avoid}}
`;

/** The whole report page; it loads nothing from anywhere and needs no JavaScript. */
export function renderTimelineHtml(timeline: Timeline, events: TimedEvent[]): string {
  const facts = actionFacts(events);
  const failedByStep = failedHooksByStep(timeline, events);
  const pageTitle = `${timeline.ok ? '✓' : '✗'} ${headingOf(timeline, facts)} — Hookline timeline`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(pageTitle)}</title>
<style>${style}</style>
</head>
<body>
<main>
${renderHeader(timeline, facts, failedByStep.size)}
${renderChart(timeline, failedByStep)}
${renderFailures(failedByStep)}
</main>
</body>
</html>
`;
}
