// The local cluster's certificates, made once with openssl and kept in the state directory:
// a CA, the apiserver's serving certificate and the client certificates of each component.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Pki {
  caCert: string;
  caKey: string;
  apiServerCert: string;
  apiServerKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
  /** The apiserver's client identity towards the node agent (log proxy). */
  kubeletClientCert: string;
  kubeletClientKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** Aggregation's request-header authentication: its own CA and the apiserver's proxy client. */
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
}

const apiServerSans = [
  'IP:127.0.0.1', 'IP:10.0.0.1', 'DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local',
];

// EC P-256 keys: quick to generate, and accepted by every component for TLS and token signing.
const keyOptions = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error(`openssl is not on PATH; install it (Debian: apt-get install openssl) to create the local cluster's certificates`);
    throw new Error(`openssl ${args[0]} failed while creating the local cluster's certificates: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}

function caCert(certPath: string, keyPath: string, commonName: string): void {
  if (existsSync(certPath) && existsSync(keyPath)) return;
  openssl(['req', '-x509', ...keyOptions, '-keyout', keyPath, '-out', certPath, '-days', '3650',
    '-subj', `/CN=${commonName}`, '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
}

function signedCert(ca: { cert: string; key: string }, certPath: string, keyPath: string, subject: string, extensions: string[]): void {
  if (existsSync(certPath) && existsSync(keyPath)) return;
  openssl(['req', '-x509', ...keyOptions, '-keyout', keyPath, '-out', certPath, '-days', '825', '-subj', subject,
    '-CA', ca.cert, '-CAkey', ca.key, '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment', ...extensions.flatMap((e) => ['-addext', e])]);
}

/** Creates whatever part of the PKI is missing under `dir` and returns the file paths. */
export function ensurePki(dir: string): Pki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(dir, name);
  const pki: Pki = {
    caCert: file('ca.crt'), caKey: file('ca.key'),
    apiServerCert: file('apiserver.crt'), apiServerKey: file('apiserver.key'),
    adminCert: file('admin.crt'), adminKey: file('admin.key'),
    controllerManagerCert: file('controller-manager.crt'), controllerManagerKey: file('controller-manager.key'),
    kubeletClientCert: file('apiserver-kubelet-client.crt'), kubeletClientKey: file('apiserver-kubelet-client.key'),
    serviceAccountKey: file('sa.key'), serviceAccountPub: file('sa.pub'),
    frontProxyCaCert: file('front-proxy-ca.crt'), frontProxyCaKey: file('front-proxy-ca.key'),
    frontProxyClientCert: file('front-proxy-client.crt'), frontProxyClientKey: file('front-proxy-client.key'),
  };
  caCert(pki.caCert, pki.caKey, 'hookline-local-ca');
  caCert(pki.frontProxyCaCert, pki.frontProxyCaKey, 'hookline-local-front-proxy-ca');
  const ca = { cert: pki.caCert, key: pki.caKey };
  signedCert(ca, pki.apiServerCert, pki.apiServerKey, '/CN=kube-apiserver',
    ['extendedKeyUsage=serverAuth', `subjectAltName=${apiServerSans.join(',')}`]);
  signedCert(ca, pki.adminCert, pki.adminKey, '/O=system:masters/CN=hookline-admin', ['extendedKeyUsage=clientAuth']);
  signedCert(ca, pki.controllerManagerCert, pki.controllerManagerKey, '/CN=system:kube-controller-manager', ['extendedKeyUsage=clientAuth']);
  signedCert(ca, pki.kubeletClientCert, pki.kubeletClientKey, '/O=system:masters/CN=kube-apiserver-kubelet-client', ['extendedKeyUsage=clientAuth']);
  signedCert({ cert: pki.frontProxyCaCert, key: pki.frontProxyCaKey }, pki.frontProxyClientCert, pki.frontProxyClientKey, '/CN=front-proxy-client', ['extendedKeyUsage=clientAuth']);
  if (!existsSync(pki.serviceAccountKey) || !existsSync(pki.serviceAccountPub)) {
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', pki.serviceAccountKey]);
    openssl(['pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub]);
  }
  return pki;
}
