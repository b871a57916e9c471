// Injected first into the npm bundle (scripts/bundle.ts) so it runs on Node 20 (V8 11.3): the
// codecs use JSON.parse's source text access (the reviver's context.source) and JSON.rawJSON,
// which Node 21 and later ship. V8 11.3 has both behind a flag; nothing happens on newer Node,
// which never loads node:v8 and node:vm for it (required here, not imported: ~1 ms per start).
import { createRequire } from 'node:module';

if (typeof (JSON as { rawJSON?: unknown }).rawJSON !== 'function') {
  const require = createRequire(import.meta.url);
  const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
  const { runInNewContext } = require('node:vm') as typeof import('node:vm');
  // The parser reads the flag on each call; JSON.rawJSON appears only in contexts made after it.
  setFlagsFromString('--harmony-json-parse-with-source');
  Object.defineProperty(JSON, 'rawJSON', { value: runInNewContext('JSON.rawJSON'), writable: true, configurable: true });
}
