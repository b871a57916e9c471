// The HTML timeline report: its markup, escaping, and what real headless Chromium parses and paints.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTimeline } from '../../src/report/timeline.ts';
import { renderTimelineHtml } from '../../src/report/html.ts';
import type { HookFailure, HookRef, TimedEvent } from '../../src/release/events.ts';
import { chromiumPath, dumpDom, screenshot, type Screenshot } from '../support/chromium.ts';

const t0 = Date.UTC(2026, 10, 25, 21, 4, 5);
const preUpgrade = (name: string, weight: number): HookRef => ({ name, kind: 'Job', path: `shop-api/templates/hooks/${name}.yaml`, weight, event: 'pre-upgrade' });
const backup = preUpgrade('db-backup', -10);
const migrate = preUpgrade('schema-migrate', -5);
const seedCheck = preUpgrade('seed-check', 0);

const seedFailure: HookFailure = {
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
  exitCode: 1,
  pod: 'shop-api-seed-check-7xk2p',
  container: 'seed',
  logTail: [
    'connecting to postgres://shop@db:5432/shop',
    'checking seed data for table "orders"',
    'ERROR: relation "orders_v2" does not exist & <nil> was returned',
    'seed check failed after 3 attempts',
  ],
  events: [
    'Normal   SuccessfulCreate      job/shop-api-seed-check  Created pod: shop-api-seed-check-7xk2p',
    'Warning  BackOff               pod/shop-api-seed-check-7xk2p  Back-off restarting failed container seed',
    'Warning  BackoffLimitExceeded  job/shop-api-seed-check  Job has reached the specified backoff limit',
  ],
};

/** An upgrade run with rollback-on-failure: the third pre-upgrade hook fails, then revision 2 is restored. */
const failedUpgrade: TimedEvent[] = [
  { type: 'action-started', action: 'upgrade', release: 'shop-api', namespace: 'payments', revision: 3, at: t0 },
  { type: 'release-recorded', revision: 3, status: 'pending-upgrade', description: 'Preparing upgrade', at: t0 + 40 },
  { type: 'phase-started', event: 'pre-upgrade', hooks: [backup, migrate, seedCheck], at: t0 + 60 },
  { type: 'hook-deleted', hook: backup, policy: 'before-hook-creation', at: t0 + 80 },
  { type: 'hook-created', hook: backup, at: t0 + 120 },
  { type: 'hook-finished', hook: backup, phase: 'Succeeded', elapsedMs: 4180, at: t0 + 4300 },
  { type: 'hook-created', hook: migrate, at: t0 + 4350 },
  { type: 'hook-finished', hook: migrate, phase: 'Succeeded', elapsedMs: 5450, at: t0 + 9800 },
  { type: 'hook-created', hook: seedCheck, at: t0 + 9850 },
  { type: 'hook-log', hook: seedCheck, pod: seedFailure.pod!, container: 'seed', line: seedFailure.logTail[0], at: t0 + 11_000 },
  { type: 'hook-finished', hook: seedCheck, phase: 'Failed', elapsedMs: 22_000, failure: seedFailure, at: t0 + 31_850 },
  { type: 'phase-finished', event: 'pre-upgrade', ok: false, at: t0 + 31_900 },
  { type: 'release-recorded', revision: 3, status: 'failed', description: 'Upgrade "shop-api" failed: pre-upgrade hooks failed', at: t0 + 31_950 },
  { type: 'resources-applying', count: 3, verb: 'update', at: t0 + 32_000 },
  { type: 'resource-applied', kind: 'Deployment', name: 'shop-api', namespace: 'payments', verb: 'updated', at: t0 + 32_600 },
  { type: 'resource-applied', kind: 'Service', name: 'shop-api', namespace: 'payments', verb: 'kept', at: t0 + 32_900 },
  { type: 'resource-applied', kind: 'ConfigMap', name: 'shop-api-config', namespace: 'payments', verb: 'updated', at: t0 + 33_300 },
  { type: 'waiting', what: '3 resources to be ready', timeoutMs: 300_000, at: t0 + 33_500 },
  { type: 'wait-finished', what: '3 resources to be ready', ok: true, detail: 'Deployment/shop-api 3/3 replicas ready', at: t0 + 41_200 },
  { type: 'release-recorded', revision: 4, status: 'deployed', description: 'Rollback to 2', at: t0 + 41_300 },
  { type: 'action-finished', action: 'upgrade', ok: false, revision: 3, status: 'failed',
    error: 'UPGRADE FAILED: pre-upgrade hooks failed: job shop-api-seed-check failed: BackoffLimitExceeded; rolled back to revision 2', at: t0 + 41_400 },
];

/** A clean install whose only hook succeeds. */
const install = (hookName: string): TimedEvent[] => {
  const hook: HookRef = { name: hookName, kind: 'Pod', path: 'web/templates/post.yaml', weight: 0, event: 'post-install' };
  return [
    { type: 'action-started', action: 'install', release: 'web', namespace: 'default', revision: 1, at: t0 },
    { type: 'resources-applying', count: 1, verb: 'create', at: t0 + 100 },
    { type: 'resource-applied', kind: 'Deployment', name: 'web', verb: 'created', at: t0 + 300 },
    { type: 'hook-created', hook, at: t0 + 400 },
    { type: 'hook-finished', hook, phase: 'Succeeded', elapsedMs: 1500, at: t0 + 1900 },
    { type: 'release-recorded', revision: 1, status: 'deployed', description: 'Install complete', at: t0 + 2000 },
    { type: 'action-finished', action: 'install', ok: true, revision: 1, status: 'deployed', at: t0 + 2100 },
  ];
};

/** Text content of an HTML fragment: tags dropped, character references decoded. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Whitespace runs collapsed, as they are in textOf. */
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('renderTimelineHtml markup', () => {
  const timeline = buildTimeline(failedUpgrade);
  const html = renderTimelineHtml(timeline, failedUpgrade);
  const text = textOf(html);

  test('is one self-contained page that loads nothing', () => {
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|@import|url\(|https?:\/\//i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  test('the header names action, release, namespace, revision, outcome and total duration', () => {
    const header = textOf(html.slice(html.indexOf('<header'), html.indexOf('</header>')));
    assert.match(header, /upgrade shop-api/);
    assert.match(header, /Namespace payments/);
    assert.match(header, /Revision 3/);
    assert.match(header, /✗ Failed/);
    assert.match(header, /Total duration 41\.4 s/);
    assert.match(header, /Started 2026-11-25 21:04:05 UTC/);
    assert.match(header, /rolled back to revision 2/);
  });

  test('every step of the timeline has a row with its label, mark and timing', () => {
    const rows = html.match(/<li class="row step [^"]*"[\s\S]*?<\/li>/g) ?? [];
    assert.equal(rows.length, timeline.steps.length);
    assert.equal(timeline.steps.length, 8);
    timeline.steps.forEach((step, i) => {
      const row = textOf(rows[i]);
      assert.ok(row.includes(step.label), `row ${i} should show "${step.label}", got: ${row}`);
      assert.ok(row.includes(({ ok: '✓', failed: '✗', info: '•' })[step.result]), `row ${i} should carry the ${step.result} mark`);
      assert.match(rows[i], new RegExp(`class="row step ${step.result}"`));
    });
    // The failed hook: starts 9.9 s in, runs 22.0 s, and links to its details.
    const failedRow = rows[timeline.steps.findIndex((s) => s.label === 'pre-upgrade: Job/seed-check')];
    assert.match(textOf(failedRow), /9\.9 s · 22\.0 s/);
    assert.match(failedRow, /<a href="#failed-hook-1">pre-upgrade: Job\/seed-check<\/a>/);
  });

  test('bars sit on the shared time axis in proportion to start and duration', () => {
    const bars = [...html.matchAll(/<span class="bar ([a-z ]+)" style="left:([\d.]+)%(?:;width:([\d.]+)%)?"/g)];
    assert.equal(bars.length, timeline.steps.length);
    timeline.steps.forEach((step, i) => {
      const [, cls, left, width] = bars[i];
      assert.ok(cls.startsWith(step.result));
      assert.ok(Math.abs(Number(left) - (step.startMs / timeline.totalMs) * 100) < 0.01, `bar ${i} left ${left}`);
      if (step.durationMs > 0) assert.ok(Math.abs(Number(width) - (step.durationMs / timeline.totalMs) * 100) < 0.01, `bar ${i} width ${width}`);
      else assert.equal(width, undefined);
    });
  });

  test('the failed hook has a details section with reason, exit code, message, log tail and events', () => {
    const start = html.indexOf('<article class="failure" id="failed-hook-1">');
    assert.ok(start >= 0, 'missing failure section');
    const section = html.slice(start, html.indexOf('</article>', start));
    const sectionText = textOf(section);
    for (const expected of ['Job/seed-check', 'BackoffLimitExceeded', 'Exit code 1', 'Job has reached the specified backoff limit',
      'Pod shop-api-seed-check-7xk2p', 'Container seed', 'Weight 0', 'shop-api/templates/hooks/seed-check.yaml', ...seedFailure.logTail, ...seedFailure.events]) {
      assert.ok(sectionText.includes(squash(expected)), `failure section should include ${expected}`);
    }
    assert.match(section, /<pre class="log">[^<]*ERROR: relation &#34;orders_v2&#34; does not exist &#38; &#60;nil&#62; was returned/);
    assert.equal(html.match(/<article class="failure"/g)?.length, 1, 'only the failed hook gets a details section');
  });

  test('a successful action shows no failure section and a succeeded outcome', () => {
    const events = install('smoke-test');
    const ok = renderTimelineHtml(buildTimeline(events), events);
    assert.match(textOf(ok), /✓ Succeeded/);
    assert.doesNotMatch(ok, /class="failures"|class="error-summary"/);
  });

  test('each failed hook gets its own linked details; missing logs or details are said plainly', () => {
    const hook = (name: string): HookRef => ({ name, kind: 'Job', path: `web/templates/${name}.yaml`, weight: 1, event: 'post-install' });
    const events: TimedEvent[] = [
      { type: 'action-started', action: 'install', release: 'web', namespace: 'default', revision: 1, at: t0 },
      { type: 'hook-created', hook: hook('slow'), at: t0 + 10 },
      { type: 'hook-finished', hook: hook('slow'), phase: 'Failed', elapsedMs: 600, at: t0 + 610,
        failure: { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', pod: 'web-slow-q8x', container: 'main', logTail: [], events: [] } },
      { type: 'hook-created', hook: hook('gone'), at: t0 + 700 },
      { type: 'hook-finished', hook: hook('gone'), phase: 'Failed', elapsedMs: 100, at: t0 + 800 },
      { type: 'action-finished', action: 'install', ok: false, revision: 1, status: 'failed', at: t0 + 900 },
    ];
    const page = renderTimelineHtml(buildTimeline(events), events);
    assert.match(page, /<a href="#failed-hook-1">post-install: Job\/slow<\/a>/);
    assert.match(page, /<a href="#failed-hook-2">post-install: Job\/gone<\/a>/);
    const articles = page.match(/<article class="failure"[\s\S]*?<\/article>/g) ?? [];
    assert.equal(articles.length, 2);
    assert.match(textOf(articles[0]), /Job\/slow DeadlineExceeded .*Pod web-slow-q8x wrote no log output\./);
    assert.doesNotMatch(articles[0], /Exit code|class="log"|Related events/);
    assert.match(textOf(articles[1]), /Job\/gone Failed .*No failure details were recorded for this hook\./);
  });

  test('the time axis uses round ticks in one unit', () => {
    const axisOf = (totalMs: number) => {
      const events: TimedEvent[] = [
        { type: 'action-started', action: 'uninstall', release: 'web', namespace: 'default', revision: 1, at: t0 },
        { type: 'action-finished', action: 'uninstall', ok: true, revision: 1, at: t0 + totalMs },
      ];
      const page = renderTimelineHtml(buildTimeline(events), events);
      return [...page.matchAll(/<span class="tick" style="left:[\d.]+%"><span>([^<]*)<\/span>/g)].map((m) => m[1]);
    };
    assert.deepEqual(axisOf(130_000), ['0', '15 s', '30 s', '45 s', '60 s', '75 s', '90 s', '105 s', '120 s']);
    assert.deepEqual(axisOf(1_300), ['0', '200 ms', '400 ms', '600 ms', '800 ms', '1 s', '1.2 s']);
    assert.deepEqual(axisOf(7_200_000), ['0', '15 min', '30 min', '45 min', '60 min', '75 min', '90 min', '105 min', '120 min']);
  });

  test('hook names, details and logs are escaped, never markup', () => {
    const evil = '<script>alert("x")</script>&\'';
    const events = install(evil);
    const page = renderTimelineHtml(buildTimeline(events), events);
    assert.doesNotMatch(page, /<script/i);
    assert.match(page, /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62;&#38;&#39;/);
    assert.ok(textOf(page).includes(`post-install: Pod/${evil}`));
    // Inside attributes too: the bar tooltip carries the label.
    assert.match(page, /title="[^"]*&#60;script&#62;alert\(&#34;x&#34;\)[^"]*"/);
  });
});

/** Distinct colours and how many pixels are close to a given colour. */
function colourStats(shot: Screenshot, near: [number, number, number], tolerance = 24): { distinct: number; nearCount: number } {
  const seen = new Set<number>();
  let nearCount = 0;
  for (let p = 0; p < shot.rgba.length; p += 4) {
    const [r, g, b] = [shot.rgba[p], shot.rgba[p + 1], shot.rgba[p + 2]];
    seen.add((r << 16) | (g << 8) | b);
    if (Math.abs(r - near[0]) <= tolerance && Math.abs(g - near[1]) <= tolerance && Math.abs(b - near[2]) <= tolerance) nearCount++;
  }
  return { distinct: seen.size, nearCount };
}

describe('renderTimelineHtml in headless Chromium', () => {
  let dir = '';
  const page = () => join(dir, 'report.html');
  const timeline = buildTimeline(failedUpgrade);

  // Set HOOKLINE_KEEP_HTML_REPORT=<dir> to keep the page and screenshots for a look by eye.
  const keepIn = process.env.HOOKLINE_KEEP_HTML_REPORT;

  before(() => {
    chromiumPath(); // installs Chromium when missing, or fails with the reason
    dir = keepIn ? (mkdirSync(keepIn, { recursive: true }), keepIn) : mkdtempSync(join(tmpdir(), 'hookline-html-'));
    writeFileSync(page(), renderTimelineHtml(timeline, failedUpgrade));
    writeFileSync(join(dir, 'blank.html'), '<!DOCTYPE html><html><body></body></html>');
  });
  after(() => {
    if (!keepIn) rmSync(dir, { recursive: true, force: true });
  });

  test('the parsed DOM shows every step and the failure details', () => {
    const dom = dumpDom(page());
    const text = textOf(dom);
    for (const step of timeline.steps) assert.ok(text.includes(step.label), `DOM should show step ${step.label}`);
    for (const line of [...seedFailure.logTail, ...seedFailure.events, 'BackoffLimitExceeded', 'Exit code 1']) {
      assert.ok(text.includes(squash(line)), `DOM should show ${line}`);
    }
    assert.equal(dom.match(/<li class="row step /g)?.length, timeline.steps.length);
    assert.match(dom, /<article class="failure" id="failed-hook-1">/);
  });

  test('a hook name that looks like markup stays text in the parsed DOM', () => {
    const evil = '<script>document.title="pwned"</script><b>bold</b>';
    const events = install(evil);
    const file = join(dir, 'escaped.html');
    writeFileSync(file, renderTimelineHtml(buildTimeline(events), events));
    const dom = dumpDom(file);
    assert.doesNotMatch(dom, /<script|<b>/i, 'the hook name must not become elements');
    assert.ok(textOf(dom).includes(`post-install: Pod/${evil}`));
    assert.match(dom, /<title>✓ install web — Hookline timeline<\/title>/);
  });

  test('the screenshot has the requested size, real content and the failure colour', () => {
    const shot = screenshot(page(), join(dir, 'report.png'), 1280, 900);
    assert.equal(shot.width, 1280);
    assert.equal(shot.height, 900);
    const blank = screenshot(join(dir, 'blank.html'), join(dir, 'blank.png'), 1280, 900);
    const failedRed: [number, number, number] = [0xcf, 0x22, 0x2e];
    const report = colourStats(shot, failedRed);
    const empty = colourStats(blank, failedRed);
    assert.ok(empty.distinct <= 2, `a blank page paints ${empty.distinct} colours`);
    assert.ok(report.distinct > 100, `the report paints only ${report.distinct} distinct colours`);
    assert.equal(empty.nearCount, 0);
    assert.ok(report.nearCount > 500, `only ${report.nearCount} pixels are near the failure red`);
  });
});
