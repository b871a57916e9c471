// A real Docker credential helper for the tests: an executable docker-credential-NAME in a
// folder of its own (put it on PATH) that keeps credentials as files, speaks the helpers'
// protocol (get/erase read the server address on stdin, store reads {ServerURL, Username,
// Secret}; "credentials not found in native keychain" when it holds nothing) and logs every
// call with its exact stdin, so tests can compare what helm and Hookline asked of it.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface HelperCall {
  action: string;
  input: string;
}

export interface CredentialHelper {
  /** The folder holding the executable: prepend it to PATH. */
  binDir: string;
  /** PATH with binDir first. */
  path: string;
  calls(): HelperCall[];
  /** Stores a credential directly (as `store` would). */
  put(server: string, username: string, secret: string): void;
  /** The credential the helper holds for `server`, as stored. */
  held(server: string): { ServerURL: string; Username: string; Secret: string } | undefined;
  /** While on, `get` fails with "the keychain is locked". */
  failGets(on: boolean): void;
}

const script = (storeDir: string, failFlag: string) => `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const store = ${JSON.stringify(storeDir)};
const action = process.argv[2];
const input = fs.readFileSync(0, 'utf8');
fs.appendFileSync(path.join(store, 'calls.jsonl'), JSON.stringify({ action, input }) + '\\n');
const file = (server) => path.join(store, Buffer.from(server).toString('hex') + '.json');
const fail = (message) => { process.stdout.write(message + '\\n'); process.exit(1); };
if (action === 'store') {
  const c = JSON.parse(input);
  fs.writeFileSync(file(c.ServerURL), input);
} else if (action === 'get') {
  if (fs.existsSync(${JSON.stringify(failFlag)})) fail('the keychain is locked');
  if (!fs.existsSync(file(input.trim()))) fail('credentials not found in native keychain');
  const c = JSON.parse(fs.readFileSync(file(input.trim()), 'utf8'));
  process.stdout.write(JSON.stringify({ ServerURL: c.ServerURL, Username: c.Username, Secret: c.Secret }) + '\\n');
} else if (action === 'erase') {
  if (!fs.existsSync(file(input.trim()))) fail('credentials not found in native keychain');
  fs.rmSync(file(input.trim()));
} else {
  fail('unknown action ' + action);
}
`;

/** Writes docker-credential-`name` under `dir` (a fresh folder per helper). */
export function writeCredentialHelper(dir: string, name: string): CredentialHelper {
  const binDir = join(dir, 'bin');
  const storeDir = join(dir, 'store');
  const failFlag = join(dir, 'fail-gets');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(binDir, { recursive: true });
  mkdirSync(storeDir, { recursive: true });
  const program = join(binDir, `docker-credential-${name}`);
  writeFileSync(program, script(storeDir, failFlag));
  chmodSync(program, 0o755);
  const file = (server: string) => join(storeDir, `${Buffer.from(server).toString('hex')}.json`);
  const log = join(storeDir, 'calls.jsonl');
  return {
    binDir,
    path: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as HelperCall) : []),
    put: (server, username, secret) => writeFileSync(file(server), JSON.stringify({ ServerURL: server, Username: username, Secret: secret })),
    held: (server) => (existsSync(file(server)) ? JSON.parse(readFileSync(file(server), 'utf8')) : undefined),
    failGets: (on) => (on ? writeFileSync(failFlag, '') : rmSync(failFlag, { force: true })),
  };
}
