// The cluster integration tests run against: the local control plane that `npm test` starts
// (its kubeconfig in HOOKLINE_TEST_KUBECONFIG), or any cluster named by that variable.
import { randomBytes } from 'node:crypto';
import { KubeClient } from '../../src/kube/client.ts';
import { loadKubeConfig } from '../../src/kube/config.ts';

export function testKubeconfig(): string {
  const path = process.env.HOOKLINE_TEST_KUBECONFIG;
  if (!path) {
    throw new Error('HOOKLINE_TEST_KUBECONFIG is not set: run the suite with `npm test` (it starts the local cluster), or point it at a kubeconfig');
  }
  return path;
}

export function testClient(): KubeClient {
  return new KubeClient(loadKubeConfig({ kubeconfig: testKubeconfig() }));
}

/** Creates a namespace with a unique name for one test and returns its name. */
export async function freshNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await client.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  // The namespace's default ServiceAccount is created asynchronously; pods need it. A loaded
  // controller manager can take a while, so the wait is long and its error says what it saw.
  const deadline = Date.now() + 60_000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      await client.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`);
      return name;
    } catch (err) {
      lastError = (err as Error).message;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`namespace ${name}: default ServiceAccount did not appear within 60 s (is the controller manager running?); last answer: ${lastError}`);
}
