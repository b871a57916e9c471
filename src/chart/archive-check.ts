// Checks a downloaded chart archive before anything of it is cached or written: helm's size
// limits (100 MiB in all, 5 MiB a file), its path rules, and no links or device entries
// (helm would load those as empty files; a link could point outside the chart when unpacked),
// no absolute entry names (helm would re-root them), at most 10000 entries.
import type { ReadEntry } from 'tar';
import { chartArchiveParser, feedArchive, readChartArchive } from './archive.ts';
import type { ChartFile } from './types.ts';

/** More entries than any real chart has; a bound on what one archive may make us write. */
export const MAX_CHART_ARCHIVE_ENTRIES = 10_000;

const ALLOWED_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'GNUDumpDir', 'ExtendedHeader', 'GlobalExtendedHeader']);

function checkEntries(data: Uint8Array): void {
  let failure: Error | undefined;
  let entries = 0;
  const parser = chartArchiveParser({
    onReadEntry: (entry: ReadEntry) => {
      entries++;
      if (!failure && entries > MAX_CHART_ARCHIVE_ENTRIES) {
        failure = new Error(`chart archive has more than ${MAX_CHART_ARCHIVE_ENTRIES} entries`);
      } else if (!failure && /^([a-zA-Z]:)?[\\/]/.test(entry.path)) {
        // ".." is refused afterwards by the reader, with helm's message.
        failure = new Error(`chart archive entry ${JSON.stringify(entry.path)} is an absolute path: charts hold only relative paths`);
      } else if (!failure && !ALLOWED_TYPES.has(entry.type)) {
        failure = new Error(`chart archive entry ${JSON.stringify(entry.path)} is a ${entry.type}: charts hold only files and directories`);
      }
      entry.resume();
    },
  });
  try {
    feedArchive(parser, data);
  } catch (err) {
    // node-tar's own codes (TAR_ENTRY_INVALID) say nothing of where.
    throw failure ?? new Error(`chart archive is not a readable gzipped tar: ${(err as Error).message}`);
  }
  if (failure) throw failure;
}

/** The archive's chart files after every check; throws naming what is wrong. */
export function checkedChartArchive(data: Uint8Array): ChartFile[] {
  // The entry checks first: their messages name the entry (the reader's would not).
  checkEntries(data);
  return readChartArchive(data);
}
