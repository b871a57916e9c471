// Preloaded with --import by startup-modules.test.ts: writes, as the process exits, the URL of
// every module it loaded as one JSON line on stderr.
import { registerHooks } from 'node:module';

const loaded: string[] = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => process.stderr.write(`${JSON.stringify(loaded)}\n`));
