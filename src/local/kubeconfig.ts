// Writes the kubeconfig files of the local cluster, with the certificates embedded so the
// file works wherever it is copied.
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export const localContextName = 'hookline-local';

export function writeKubeconfig(path: string, server: string, caCert: string, clientCert: string, clientKey: string, userName: string): void {
  const base64 = (file: string) => readFileSync(file).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: localContextName, cluster: { server, 'certificate-authority-data': base64(caCert) } }],
    users: [{ name: userName, user: { 'client-certificate-data': base64(clientCert), 'client-key-data': base64(clientKey) } }],
    contexts: [{ name: localContextName, context: { cluster: localContextName, user: userName, namespace: 'default' } }],
    'current-context': localContextName,
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
