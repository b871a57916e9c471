// Injected first into the npm bundle (scripts/bundle.ts) so it runs on Node 20 (V8 11.3): the
// codecs use JSON.parse's source text access (the reviver's context.source) and JSON.rawJSON,
// which Node 21 and later ship. V8 11.3 has both behind a flag; nothing happens on newer Node.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

if (typeof (JSON as { rawJSON?: unknown }).rawJSON !== 'function') {
  // The parser reads the flag on each call; JSON.rawJSON appears only in contexts made after it.
  setFlagsFromString('--harmony-json-parse-with-source');
  Object.defineProperty(JSON, 'rawJSON', { value: runInNewContext('JSON.rawJSON'), writable: true, configurable: true });
}
