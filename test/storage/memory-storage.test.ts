// Release history semantics over the in-memory driver: ordering, deployed lookup, pruning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryDriver } from '../../src/storage/memory-driver.ts';
import { ReleaseStorage } from '../../src/storage/storage.ts';
import type { Release, ReleaseStatus } from '../../src/storage/record.ts';

const rev = (version: number, status: ReleaseStatus): Release =>
  ({ name: 'app', info: { status }, version, namespace: 'default', labels: { tier: 'web' } });

test('history is ordered by revision and deployed() finds the latest deployed one', async () => {
  const storage = new ReleaseStorage(new MemoryDriver());
  await storage.create(rev(2, 'deployed'));
  await storage.create(rev(1, 'superseded'));
  await storage.create(rev(3, 'failed'));
  assert.deepEqual((await storage.history('app')).map((r) => r.version), [1, 2, 3]);
  assert.equal((await storage.last('app')).version, 3);
  assert.equal((await storage.deployed('app')).version, 2);
  assert.deepEqual((await storage.last('app')).labels, { tier: 'web' });
  await assert.rejects(storage.create(rev(3, 'failed')), /already exists/);
  await assert.rejects(storage.deployed('other'), /"other" has no deployed releases/);
});

test('maxHistory prunes the oldest revisions but never the last deployed one', async () => {
  const storage = new ReleaseStorage(new MemoryDriver(), 3);
  await storage.create(rev(1, 'deployed'));
  await storage.create(rev(2, 'failed'));
  await storage.create(rev(3, 'failed'));
  await storage.create(rev(4, 'failed'));
  // keeping 3: revision 2 is removed (the oldest that is not the deployed one)
  assert.deepEqual((await storage.history('app')).map((r) => r.version), [1, 3, 4]);
});
