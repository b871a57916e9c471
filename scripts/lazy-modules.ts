// An esbuild plugin for the executable's start-up snapshot (scripts/build-exe.ts): modules that
// cannot be, or must not be, evaluated while the snapshot is built get a stand-in whose exports
// load the real module on first use, so the modules importing them can be in the snapshot.
// - Node's HTTP modules hold a native parser binding that V8 cannot serialize (building aborts
//   with "global handle not serialized"); with stand-ins the kube client, the repository and
//   OCI transports are in the snapshot and load the HTTP stack at run time.
// - child_process, worker_threads and readline: Node warns that it has not verified them in
//   snapshots (their state may be out of sync after deserialization); loaded at run time.
// - pg reads the environment when loaded (its default user is $USER), which the snapshot
//   would keep from the build machine (HELM_DRIVER=sql only).
import type { Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { projectRoot } from './bundle.ts';

const builtins = ['http', 'https', 'http2', 'child_process', 'worker_threads', 'readline'];
const packages = ['pg'];
const namespace = 'hookline-lazy-module';
const requireFromProject = createRequire(`${projectRoot}/`);

/** The stand-in's source: one getter per export of the real module, as this Node loads it. */
async function standIn(name: string): Promise<string> {
  const builtin = builtins.includes(name);
  const real = builtin ? await import(`node:${name}`) : requireFromProject(name);
  const exported = Object.keys(real).filter((key) => key !== 'default');
  const loader = builtin ? `process.getBuiltinModule(${JSON.stringify(`node:${name}`)})` : `require(${JSON.stringify(name)})`;
  const getters = exported.map((key) => `${JSON.stringify(key)}: { enumerable: true, get: () => load()[${JSON.stringify(key)}] }`);
  return `let real; const load = () => (real ??= ${loader});\n`
    + `Object.defineProperties(module.exports, {\n${getters.join(',\n')}\n});\n`;
}

export const lazyModules: Plugin = {
  name: 'hookline-lazy-modules',
  setup(b) {
    const filter = new RegExp(`^((node:)?(${builtins.join('|')})|${packages.join('|')})$`);
    // The stand-in's own require() of a package resolves as usual, to the real one.
    b.onResolve({ filter }, (args) => (args.namespace === namespace ? undefined : { path: args.path.replace(/^node:/, ''), namespace }));
    b.onLoad({ filter: /.*/, namespace }, async (args) => ({ contents: await standIn(args.path), loader: 'js', resolveDir: projectRoot }));
  },
};
