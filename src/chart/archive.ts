// Reads a gzipped chart archive into chart-relative files with Helm's safety checks:
// the top-level directory is dropped, and absolute paths, parent references, drive
// letters and a Chart.yaml outside the chart directory are refused. Sizes are limited as
// helm limits them (all files, each file); there is no limit on the compression ratio.
import { Parser, type ReadEntry } from 'tar';
import { posix } from 'node:path';
import { ChartLoadError, type ChartFile } from './types.ts';

/** Helm's limit on the decompressed size of all files of one archive. */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;

/** Helm's limit on one decompressed file of a chart archive. */
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;

/** Compressed bytes handed to the parser at a time, so that reading stops at the tar's end. */
const FEED_CHUNK = 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Files of a .tgz chart; errors carry Helm's text, callers add which archive it was. */
export function readChartArchive(data: Uint8Array): ChartFile[] {
  if (data.length < 2 || data[0] !== 0x1f || data[1] !== 0x8b) {
    throw new ChartLoadError('gzip: invalid header');
  }
  const files: ChartFile[] = [];
  let failure: Error | undefined;
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  const parser = chartArchiveParser({
    onwarn: (_code: string, message: string | Error) => {
      failure ??= new ChartLoadError(message instanceof Error ? message.message : message);
    },
    onReadEntry: (entry: ReadEntry) => {
      if (failure || entry.type === 'Directory' || entry.type === 'GNUDumpDir') {
        entry.resume();
        return;
      }
      let name: string;
      try {
        name = archiveEntryName(entry.path);
        // As helm: the sizes the header announces are checked before the body is read.
        if ((entry.size ?? 0) > remaining) throw tooLarge();
        if ((entry.size ?? 0) > MAX_DECOMPRESSED_FILE_SIZE) {
          throw new ChartLoadError(`decompressed chart file ${JSON.stringify(entry.path)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`);
        }
      } catch (err) {
        failure = err as Error;
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => {
        if (failure) return;
        const body = Buffer.concat(chunks);
        remaining -= body.length;
        if (remaining <= 0) failure = tooLarge();
        else files.push({ name, data: stripBom(new Uint8Array(body)) });
      });
    },
  });
  try {
    feedArchive(parser, data);
  } catch (err) {
    throw new ChartLoadError((err as Error).message);
  }
  if (failure) throw failure;
  if (files.length === 0) throw new ChartLoadError('no files in chart archive');
  return files;
}

const tooLarge = () => new ChartLoadError(`decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`);

/**
 * A strict node-tar parser without node-tar's own limit on the compression ratio (1000:1),
 * which refuses charts helm loads (a file of repeated text compresses far better).
 */
export function chartArchiveParser(options: { onwarn?: (code: string, message: string | Error) => void; onReadEntry: (entry: ReadEntry) => void }): Parser {
  return new Parser({ strict: true, maxDecompressionRatio: Infinity, ...options });
}

/**
 * Hands the gzipped archive to the parser piece by piece and stops at the tar's end-of-archive
 * blocks, as helm's reader does: what follows them is not decompressed.
 */
export function feedArchive(parser: Parser, data: Uint8Array): void {
  let ended = false;
  parser.once('eof', () => { ended = true; });
  const all = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < all.length && !ended; at += FEED_CHUNK) parser.write(all.subarray(at, at + FEED_CHUNK));
  if (!ended) parser.end();
}

/** The chart-relative name of an archive entry, after Helm's path checks. */
export function archiveEntryName(entryPath: string): string {
  // Archives made on Windows may use backslashes throughout.
  const delimiter = entryPath.includes('\\') ? '\\' : '/';
  const parts = entryPath.split(delimiter);
  let name = parts.slice(1).join('/');
  if (name.startsWith('/')) throw new ChartLoadError(`chart illegally contains absolute paths`);
  name = posix.normalize(name).replace(/\/$/, '');
  if (name === '.' || name === '') {
    throw new ChartLoadError(`chart illegally contains content outside the base directory: ${JSON.stringify(entryPath)}`);
  }
  if (name.startsWith('..')) throw new ChartLoadError(`chart illegally references parent directory`);
  if (/^[a-zA-Z]:\//.test(name)) throw new ChartLoadError(`chart contains illegally named files`);
  if (parts[0] === 'Chart.yaml') throw new ChartLoadError(`chart yaml not in base directory`);
  return name;
}

export function stripBom(data: Uint8Array): Uint8Array {
  return UTF8_BOM.every((b, i) => data[i] === b) ? data.subarray(3) : data;
}
