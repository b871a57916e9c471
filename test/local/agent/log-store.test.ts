// The container log store: CRI-shaped records on disk, partial lines, and kubectl-logs rendering options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogStore, renderRecords, type LogRecord } from '../../../src/local/agent/log-store.ts';

test('writes complete lines as records, flushes a trailing partial line on close and tells followers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-logs-'));
  try {
    const store = new LogStore(dir);
    const writer = store.open('uid-1', 'main', 0);
    const followed: string[] = [];
    writer.on('record', (r: LogRecord) => followed.push(r.text));
    writer.write('stdout', 'one\ntw');
    writer.write('stderr', 'err\n');
    writer.write('stdout', 'o\nthree');
    assert.equal(store.read('uid-1', 'main', 0)?.writer, writer);
    writer.close();
    assert.deepEqual(followed, ['one', 'err', 'two', 'three']);
    const read = store.read('uid-1', 'main', 0)!;
    assert.equal(read.writer, undefined);
    assert.deepEqual(read.records.map((r) => [r.stream, r.text]), [['stdout', 'one'], ['stderr', 'err'], ['stdout', 'two'], ['stdout', 'three']]);
    const firstLine = readFileSync(writer.file, 'utf8').split('\n')[0];
    assert.match(firstLine, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z stdout F one$/);
    assert.equal(store.read('uid-1', 'main', 1), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('renders tail, since, timestamps and limitBytes as kubectl logs expects', () => {
  const records: LogRecord[] = [
    { time: '2026-01-01T00:00:01.000000000Z', stream: 'stdout', text: 'a' },
    { time: '2026-01-01T00:00:02.000000000Z', stream: 'stderr', text: 'b' },
    { time: '2026-01-01T00:00:03.000000000Z', stream: 'stdout', text: 'c' },
  ];
  assert.equal(renderRecords(records, {}), 'a\nb\nc\n');
  assert.equal(renderRecords(records, { tailLines: 2 }), 'b\nc\n');
  assert.equal(renderRecords(records, { tailLines: 0 }), '');
  assert.equal(renderRecords(records, { sinceTime: new Date('2026-01-01T00:00:02Z') }), 'b\nc\n');
  assert.equal(renderRecords(records, { tailLines: 1, timestamps: true }), '2026-01-01T00:00:03.000000000Z c\n');
  assert.equal(renderRecords(records, { limitBytes: 3 }), 'a\nb');
});
