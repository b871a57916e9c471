// The executable's start-up snapshot (scripts/build-exe.ts, sea-config `useSnapshot`): built
// once, this script evaluates the modules of every command, so that a run starts with them
// loaded and only parses its arguments. Nothing evaluated here may keep state of the build
// (scripts/snapshot-state-guard.ts fails the build if it reads any); the command line runs
// after deserialization, in the run's own process.
import { startupSnapshot } from 'node:v8';
import { commandModules, runCli } from '../src/cli/cli.ts';
import { watchRunTimeState } from './snapshot-state-guard.ts';

// `hookline local` finds its control plane sources from the executable's path when loaded;
// it stays out of the snapshot and is evaluated at run time, when used.
const atRunTime = new Set(['local']);

// Read by tar when loaded, left unset by every user: switches of tar's own tests (a fake
// platform, a fake O_FILENAME constant).
const harmlessReads = new Set(['process.env.TESTING_TAR_FAKE_PLATFORM', 'process.env.__FAKE_PLATFORM__', 'process.env.__FAKE_FS_O_FILENAME__']);

async function evaluateModules(): Promise<void> {
  const guard = watchRunTimeState(harmlessReads);
  try {
    await Promise.all(commandModules.filter((m) => !m.names.some((name) => atRunTime.has(name))).map((m) => m.load()));
  } finally {
    const reads = guard.stop();
    if (reads.length > 0) throw new Error(`start-up snapshot: modules read run-time state while being evaluated; make these reads lazy:\n\n${reads.join('\n\n')}`);
  }
}

evaluateModules().then(
  () => startupSnapshot.setDeserializeMainFunction(() => void runCli(process.argv)),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
