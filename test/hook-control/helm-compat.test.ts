// One chart serves both tools: a chart using every hookline.dev/ annotation (on hooks that
// succeed) installed and upgraded by helm, which ignores them, and by Hookline, which honours
// them, ends in the same state: step outcomes, revisions (status, description, hook last runs),
// the objects left and the hook objects created and deleted (in any order: some ran in parallel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBoth } from '../support/lifecycle-harness.ts';

test('a chart with hookline.dev/ annotations ends as under helm', async () => {
  const { helm, hookline } = await runBoth({
    chart: '../hook-control/compat-chart', release: 'compat', isHookName: (n) => n.startsWith('hook-'),
    steps: [{ action: 'install' }, { action: 'upgrade', set: ['generation=2'] }],
  }, 'hc-compat');
  assert.deepEqual(helm.outcomes.map((o) => o.ok), [true, true], JSON.stringify(helm.outcomes));
  assert.deepEqual(hookline.outcomes, helm.outcomes);
  assert.deepEqual(hookline.revisions, helm.revisions);
  assert.deepEqual(hookline.remaining, helm.remaining);
  assert.deepEqual([...hookline.hookSequence].sort(), [...helm.hookSequence].sort());
  assert.ok(helm.hookSequence.length >= 10, `hooks ran: ${helm.hookSequence.join(', ')}`);
});
