// `hookline registry login|logout HOST`: helm's commands and flags for storing registry
// credentials in helm's registry config (HELM_REGISTRY_CONFIG).
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { login, logout, slogWarning } from '../oci/login.ts';

interface LoginFlags {
  username?: string;
  password?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  plainHttp?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal; with `secret` the typed text is not echoed. */
async function prompt(question: string, secret: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  const write = (rl as unknown as { _writeToOutput(s: string): void });
  if (secret) write._writeToOutput = (s: string) => { if (s === question) process.stdout.write(s); };
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
    if (secret) process.stdout.write('\n');
  }
}

/** Helm's rules: --password-stdin, else --password (with a warning), else ask. */
async function usernameAndPassword(flags: LoginFlags): Promise<{ username: string; password: string }> {
  let username = flags.username ?? '';
  if (flags.passwordStdin) return { username, password: (await readStdin()).replace(/\n$/, '').replace(/\r$/, '') };
  if (flags.password) {
    process.stderr.write(slogWarning('using --password via the CLI is insecure. Use --password-stdin'));
    return { username, password: flags.password };
  }
  // A password is typed without echo, which needs a terminal (helm fails here too).
  if (!process.stdin.isTTY) throw new Error('no password given and stdin is not a terminal: pass --password-stdin (or -p/--password)');
  if (!username) username = (await prompt('Username: ', false)).trim();
  const password = await prompt(username ? 'Password: ' : 'Token: ', true);
  if (!password) throw new Error(username ? 'password required' : 'token required');
  return { username, password };
}

export function register(program: Command): void {
  const registry = program.command('registry').description('login to or logout from a registry');
  registry.command('login')
    .description('login to a registry')
    .argument('<host>', 'registry host, e.g. registry.example:5000')
    .option('-u, --username <name>', 'registry username')
    .option('-p, --password <secret>', 'registry password or identity token')
    .option('--password-stdin', 'read password or identity token from stdin')
    .option('--insecure', 'allow connections to TLS registry without certs')
    .option('--cert-file <path>', 'identify registry client using this SSL certificate file')
    .option('--key-file <path>', 'identify registry client using this SSL key file')
    .option('--ca-file <path>', 'verify certificates of HTTPS-enabled servers using this CA bundle')
    .option('--plain-http', 'use insecure HTTP connections for the chart upload')
    .action(async (host: string, flags: LoginFlags) => {
      const { username, password } = await usernameAndPassword(flags);
      process.stderr.write(await login(host, {
        username, password, caFile: flags.caFile, certFile: flags.certFile, keyFile: flags.keyFile,
        insecureSkipTlsVerify: flags.insecure, plainHttp: flags.plainHttp,
      }));
    });
  registry.command('logout')
    .description('logout from a registry')
    .argument('<host>', 'registry host')
    .action((host: string) => {
      process.stderr.write(logout(host));
    });
}
