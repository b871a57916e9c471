// Preloaded with --import by package.test.ts: writes, as the process exits, the public built-in
// modules (process.moduleLoadList) loaded after the first v8.setFlagsFromString call, as one JSON
// line on stderr ({ flagsSet: false } when no flag was set).
import module from 'node:module';
import v8 from 'node:v8';

const loadList = () => (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
let atFlags: Set<string> | undefined;
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags: string) => {
  atFlags ??= new Set(loadList());
  setFlags(flags);
};
module.syncBuiltinESMExports(); // so that `import { setFlagsFromString } from 'node:v8'` gets the wrapper
process.on('exit', () => {
  const after = atFlags === undefined ? [] : loadList().filter((m) => !atFlags!.has(m) && m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/'));
  process.stderr.write(`${JSON.stringify({ flagsSet: atFlags !== undefined, after: after.map((m) => m.slice('NativeModule '.length)) })}\n`);
});
