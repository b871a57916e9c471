// The Secret driver's writes on the test cluster when a call is repeated or raced: a create that
// finds its own record already there (its first attempt landed before the connection broke)
// succeeds, a different record under the key is "already exists", and an update conditional on a
// stale resourceVersion re-applies only while the status is unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeStorageDriver } from '../../src/storage/kube-driver.ts';
import { ReleaseExistsError, releaseKey } from '../../src/storage/driver.ts';
import type { Release, ReleaseStatus } from '../../src/storage/record.ts';
import { scenarioNamespace } from '../observe/cli.ts';
import { testClient } from '../support/cluster.ts';

const client = testClient();
let namespace = '';
let cleanup: () => Promise<void> = async () => {};
before(async () => {
  ({ namespace, cleanup } = await scenarioNamespace('kube-driver'));
});
after(async () => {
  await cleanup();
  client.close();
});

const rev = (version: number, status: ReleaseStatus, description = ''): Release =>
  ({ name: 'app', info: { status, description }, version, namespace });

test('create: the identical record already stored is taken as this create\'s own; another is "already exists"', async () => {
  const driver = new KubeStorageDriver(client, 'Secret', namespace);
  const key = releaseKey('app', 1);
  const release = rev(1, 'deployed', 'first');
  await driver.create(key, release);
  await driver.create(key, release);
  assert.equal((await driver.get(key)).info.description, 'first');
  await assert.rejects(driver.create(key, rev(1, 'deployed', 'another writer')), ReleaseExistsError);
  assert.equal((await driver.get(key)).info.description, 'first', 'the stored record is unchanged');
});

test('update: after another client\'s write, re-applied while the status is unchanged, refused once it changed', async () => {
  const mine = new KubeStorageDriver(client, 'Secret', namespace);
  const other = new KubeStorageDriver(client, 'Secret', namespace);
  const key = releaseKey('app', 2);
  await mine.create(key, rev(2, 'pending-upgrade'));
  await other.update(key, rev(2, 'pending-upgrade', 'touched by another client'));
  await mine.update(key, rev(2, 'deployed', 'mine'));
  assert.equal((await other.get(key)).info.description, 'mine', 'a write that left the status alone does not stop this one');
  await other.update(key, rev(2, 'failed', 'failed by another client'));
  await assert.rejects(mine.update(key, rev(2, 'superseded', 'mine again')), /"sh\.helm\.release\.v1\.app\.v2" was changed by another client while this action ran \(status deployed became failed\)/);
  assert.equal((await other.get(key)).info.description, 'failed by another client');
});
