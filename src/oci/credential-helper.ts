// Docker credential helpers (docker-credential-NAME on PATH), run as helm runs them through
// oras: `get` and `erase` with the server address on stdin, `store` with a JSON
// {ServerURL, Username, Secret}; a helper's failure is the text it printed on stdout.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { goJson } from '../codec/go-json.ts';

/** A helper's answer to `get` (Username "<token>" means Secret is an identity token). */
export interface HelperCredential {
  ServerURL?: string;
  Username: string;
  Secret: string;
}

/** What helpers print when they hold nothing for the address (docker-credential-helpers). */
const NOT_FOUND = 'credentials not found in native keychain';

export const helperProgram = (name: string) => `docker-credential-${name}`;

/** Whether an executable `name` is on the PATH of `env`, as Go's exec.LookPath finds it. */
export function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const file = join(dir || '.', name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

function runHelper(name: string, action: 'get' | 'store' | 'erase', input: string, env: NodeJS.ProcessEnv, configFile: string): { ok: true; out: string } | { ok: false; message: string } {
  const program = helperProgram(name);
  // The helper's stderr is the user's, as in helm (a helper may ask for a passphrase there).
  const result = spawnSync(program, [action], { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], timeout: 120_000 });
  if (result.error) {
    const reason = (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is not on PATH' : `could not run: ${result.error.message}`;
    throw new Error(`credential helper ${program} (named in ${configFile}) ${reason}: install it or remove it from that file`);
  }
  if (result.status === 0) return { ok: true, out: result.stdout };
  return { ok: false, message: result.stdout.trim() || (result.signal ? `killed by ${result.signal}` : `exit status ${result.status}`) };
}

/** The helper's credential for `server`, or undefined when it holds none. */
export function helperGet(name: string, server: string, env: NodeJS.ProcessEnv, configFile: string): HelperCredential | undefined {
  const result = runHelper(name, 'get', server, env, configFile);
  if (!result.ok) {
    if (result.message === NOT_FOUND) return undefined;
    throw new Error(`credential helper ${helperProgram(name)} (named in ${configFile}) failed to get the credentials for ${server}: ${result.message}`);
  }
  let parsed: HelperCredential;
  try {
    parsed = JSON.parse(result.out) as HelperCredential;
  } catch (err) {
    throw new Error(`credential helper ${helperProgram(name)} (named in ${configFile}) answered get for ${server} with something that is not JSON: ${(err as Error).message}`);
  }
  return { Username: String(parsed.Username ?? ''), Secret: String(parsed.Secret ?? '') };
}

export function helperStore(name: string, credential: HelperCredential, env: NodeJS.ProcessEnv, configFile: string): void {
  // Go's json.Marshal of oras's struct: these fields in this order, HTML characters escaped.
  const input = goJson({ ServerURL: credential.ServerURL ?? '', Username: credential.Username, Secret: credential.Secret });
  const result = runHelper(name, 'store', input, env, configFile);
  if (!result.ok) throw new Error(`credential helper ${helperProgram(name)} (named in ${configFile}) failed to store the credentials for ${credential.ServerURL}: ${result.message}`);
}

export function helperErase(name: string, server: string, env: NodeJS.ProcessEnv, configFile: string): void {
  const result = runHelper(name, 'erase', server, env, configFile);
  if (!result.ok) throw new Error(`failed to delete the credential for ${server}: credential helper ${helperProgram(name)} (named in ${configFile}): ${result.message}`);
}
