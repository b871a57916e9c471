// scripts/v8-flags.ts decides from the raw command line, before the command table is compiled,
// whether a run renders charts; its list must name exactly the table's chart-rendering commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandModules } from '../../src/cli/cli.ts';
import { renderingCommand } from '../../scripts/v8-flags.ts';

test('the V8 tiering flags apply to exactly the commands that render charts', () => {
  const allNames = [...new Set(commandModules.flatMap((entry) => entry.names))];
  const rendering = new Set(commandModules.filter((entry) => entry.rendersCharts).flatMap((entry) => entry.names));
  assert.ok(rendering.size >= 5, 'template, lint, install, upgrade and plan render charts');
  for (const name of allNames) {
    assert.equal(renderingCommand(['node', 'hookline', name, 'x']), rendering.has(name) ? name : undefined, name);
  }
});
