// The executable's start-up snapshot (scripts/build-exe.ts, sea-config `useSnapshot`): built
// once, this script evaluates the modules of every command, so that a run starts with them
// loaded and only parses its arguments. Nothing evaluated here may keep state of the build
// (scripts/snapshot-state-guard.ts fails the build if it reads any); the command line runs
// after deserialization, in the run's own process.
// Hookline's modules are imported with import() only, so that each is evaluated under the guard.
import { startupSnapshot } from 'node:v8';
import { watchRunTimeState } from './snapshot-state-guard.ts';

// `hookline local` finds its control plane sources from the executable's path when loaded;
// it stays out of the snapshot and is evaluated at run time, when used.
const atRunTime = new Set(['local']);

// Read by tar when loaded, left unset by every user: switches of tar's own tests (a fake
// platform, a fake O_FILENAME constant).
const harmlessReads = new Set(['process.env.TESTING_TAR_FAKE_PLATFORM', 'process.env.__FAKE_PLATFORM__', 'process.env.__FAKE_FS_O_FILENAME__']);

/** Runs `step` under the guard; fails the build, naming each read, if it read run-time state. */
async function guarded(what: string, allowed: ReadonlySet<string>, step: () => Promise<unknown>): Promise<void> {
  const guard = watchRunTimeState(allowed);
  try {
    await step();
  } finally {
    const reads = guard.stop();
    if (reads.length > 0) throw new Error(`start-up snapshot: ${what} read run-time state; make these reads lazy:\n\n${reads.join('\n\n')}`);
  }
}

async function evaluateModules(): Promise<void> {
  const { commandModules } = await import('../src/cli/cli.ts');
  await Promise.all(commandModules.filter((m) => !m.names.some((name) => atRunTime.has(name))).map((m) => m.load()));
}

// The warm-up: rendering a small chart (build-exe.ts names it) compiles the functions a render
// runs, and the snapshot keeps their bytecode. Only its files are read; what the render
// cached by content is dropped afterwards.
const warmUpReads = new Set([...harmlessReads, 'fs.readFileSync()', 'fs.statSync()', 'fs.lstatSync()', 'fs.readdirSync()', 'fs.existsSync()', 'fs.openSync()', 'fs.realpathSync()']);

async function warmUp(chartPath: string): Promise<void> {
  const [{ runTemplate }, ...caches] = await Promise.all([import('../src/render/template-command.ts'),
    import('../src/gotemplate/parse.ts'), import('../src/manifest/head.ts'), import('../src/funcs/regex.ts'),
    import('../src/chart/jsonschema/go-regexp.ts'), import('../src/gotime/tzdata.ts')]);
  runTemplate({
    releaseName: 'warm-up', chartPath, namespace: 'default', values: {}, apiVersions: [], isUpgrade: false,
    skipSchemaValidation: false, includeCrds: false, skipTests: false, noHooks: false, showOnly: [],
  });
  const [parse, heads, regex, goRegexp, zones] = caches;
  for (const forget of [parse.forgetParses, heads.forgetDecodedHeads, regex.forgetCompiledPatterns, goRegexp.forgetGoPatterns, zones.forgetLocations]) forget();
}

guarded('module evaluation', harmlessReads, evaluateModules)
  .then(() => {
    // The builder's own setting, read outside the guards and kept by nothing.
    const chart = process.env.HOOKLINE_SNAPSHOT_WARM_UP_CHART;
    return chart ? guarded('the warm-up render', warmUpReads, () => warmUp(chart)) : undefined;
  })
  .then(() => import('../src/cli/cli.ts'))
  .then(({ runCli }) => startupSnapshot.setDeserializeMainFunction(() => void runCli(process.argv)), (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
