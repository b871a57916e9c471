// Keeps every container attempt's output on disk, one line per record in the CRI log shape
// "<RFC3339Nano> <stream> F <text>", and lets followers subscribe to lines as they are written.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { nanoTime } from './time.ts';

export type LogRecord = { time: string; stream: string; text: string };
export type LogQuery = { tailLines?: number; sinceTime?: Date; timestamps?: boolean; limitBytes?: number };

export function parseRecord(line: string): LogRecord | undefined {
  const match = /^(\S+) (stdout|stderr) [FP] (.*)$/s.exec(line);
  return match ? { time: match[1], stream: match[2], text: match[3] } : undefined;
}

/** Renders records as `kubectl logs` prints them, honouring since/tail/timestamps/limitBytes. */
export function renderRecords(records: LogRecord[], query: LogQuery): string {
  let selected = query.sinceTime ? records.filter((r) => new Date(r.time) >= query.sinceTime!) : records;
  if (query.tailLines !== undefined) selected = query.tailLines <= 0 ? [] : selected.slice(-query.tailLines);
  const text = selected.map((r) => (query.timestamps ? `${r.time} ${r.text}\n` : `${r.text}\n`)).join('');
  return query.limitBytes !== undefined ? Buffer.from(text).subarray(0, query.limitBytes).toString('utf8') : text;
}

/** Writes one container attempt's log; emits 'record' for each line and 'close' when the process is gone. */
export class LogWriter extends EventEmitter {
  readonly file: string;
  closed = false;
  private readonly partial: Record<string, string> = { stdout: '', stderr: '' };

  constructor(file: string) {
    super();
    this.file = file;
    appendFileSync(file, '');
  }

  write(stream: 'stdout' | 'stderr', chunk: Buffer | string): void {
    const lines = (this.partial[stream] + chunk.toString()).split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const text of lines) this.append(stream, text);
  }

  private append(stream: string, text: string): void {
    const record = { time: nanoTime(), stream, text };
    appendFileSync(this.file, `${record.time} ${stream} F ${text}\n`);
    this.emit('record', record);
  }

  close(): void {
    if (this.closed) return;
    for (const stream of ['stdout', 'stderr']) if (this.partial[stream]) this.append(stream, this.partial[stream]);
    this.closed = true;
    this.emit('close');
  }
}

export class LogStore {
  private readonly root: string;
  private readonly live = new Map<string, LogWriter>();

  constructor(stateDir: string) {
    this.root = join(stateDir, 'logs');
  }

  private path(podUid: string, container: string, attempt: number): string {
    return join(this.root, podUid, container, `${attempt}.log`);
  }

  open(podUid: string, container: string, attempt: number): LogWriter {
    mkdirSync(join(this.root, podUid, container), { recursive: true });
    const writer = new LogWriter(this.path(podUid, container, attempt));
    this.live.set(writer.file, writer);
    writer.once('close', () => this.live.delete(writer.file));
    return writer;
  }

  /** The records already on disk and, if the attempt is still running, its writer for following. */
  read(podUid: string, container: string, attempt: number): { records: LogRecord[]; writer?: LogWriter } | undefined {
    const file = this.path(podUid, container, attempt);
    if (!existsSync(file)) return undefined;
    const records = readFileSync(file, 'utf8').split('\n').map(parseRecord).filter((r) => r !== undefined);
    return { records, writer: this.live.get(file) };
  }
}
