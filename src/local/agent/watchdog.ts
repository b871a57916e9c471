// A small detached shell that outlives a killed agent (SIGKILL, OOM) just long enough to kill the process
// groups it recorded, so that container processes never outlive the agent even when it cannot clean up.
import { spawn } from 'node:child_process';

// $1 = agent pid, $2 = pid record dir. A record holds the process's start time (field 22 of
// /proc/<pid>/stat), so a pid reused by an unrelated process is left alone.
const SCRIPT = `
field() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f"$2"; }
while state=$(field "$1" 1) && [ -n "$state" ] && [ "$state" != Z ]; do sleep 1; done
for record in "$2"/*; do
  [ -f "$record" ] || continue
  pid=\${record##*/}
  started=$(cat "$record")
  [ -n "$started" ] && [ "$started" = "$(field "$pid" 20)" ] && kill -9 "-$pid" 2>/dev/null
  rm -f "$record"
done
`;

/** Starts the watchdog for this agent process; the returned function stops it on a clean shutdown. */
export function startWatchdog(pidDir: string): () => void {
  const watchdog = spawn('sh', ['-c', SCRIPT, 'hookline-agent-watchdog', String(process.pid), pidDir], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return () => {
    try {
      process.kill(-(watchdog.pid ?? 0), 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
}
