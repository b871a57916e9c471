// Readiness and liveness probes (exec, httpGet, tcpSocket) against host processes on 127.0.0.1,
// with the kubelet's timing fields: initialDelaySeconds, periodSeconds, timeoutSeconds and thresholds.
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ApiObject } from './api.ts';

export type ProbeResult = { ok: boolean; message: string };

// Go's dialer wording, which is what `kubectl describe` shows for a kubelet probe.
function dialError(host: string, port: number, err: NodeJS.ErrnoException): string {
  const reason = err.code === 'ECONNREFUSED' ? 'connect: connection refused' : err.message;
  return `dial tcp ${host}:${port}: ${reason}`;
}

function portOf(container: ApiObject, port: number | string): number {
  if (typeof port === 'number' || /^\d+$/.test(port)) return Number(port);
  const named = (container.ports ?? []).find((p: ApiObject) => p.name === port);
  return named?.containerPort ?? -1;
}

function execProbe(probe: ApiObject, env: Record<string, string>, cwd: string, timeoutMs: number): Promise<ProbeResult> {
  const [file, ...args] = probe.exec.command ?? [];
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd, timeout: timeoutMs }, (err, stdout, stderr) => {
      resolve(err ? { ok: false, message: `${stdout}${stderr}`.trim() || err.message } : { ok: true, message: '' });
    });
  });
}

function httpProbe(probe: ApiObject, container: ApiObject, timeoutMs: number): Promise<ProbeResult> {
  const get = probe.httpGet;
  const https = String(get.scheme ?? 'HTTP').toUpperCase() === 'HTTPS';
  const headers = Object.fromEntries((get.httpHeaders ?? []).map((h: ApiObject) => [h.name, h.value]));
  const host = get.host || '127.0.0.1';
  const port = portOf(container, get.port);
  const url = `${https ? 'https' : 'http'}://${host}:${port}${get.path ?? '/'}`;
  return new Promise((resolve) => {
    const req = (https ? httpsRequest : httpRequest)(url, { headers, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400 ? { ok: true, message: '' } : { ok: false, message: `HTTP probe failed with statuscode: ${status}` });
    });
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded (Client.Timeout exceeded while awaiting headers)')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, message: `Get "${url}": ${err.syscall === 'connect' ? dialError(host, port, err) : err.message}` }));
    req.end();
  });
}

function tcpProbe(probe: ApiObject, container: ApiObject, timeoutMs: number): Promise<ProbeResult> {
  const host = probe.tcpSocket.host || '127.0.0.1';
  const port = portOf(container, probe.tcpSocket.port);
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.on('connect', () => { socket.destroy(); resolve({ ok: true, message: '' }); });
    socket.on('timeout', () => { socket.destroy(); resolve({ ok: false, message: `dial tcp ${host}:${port}: i/o timeout` }); });
    socket.on('error', (err) => resolve({ ok: false, message: dialError(host, port, err) }));
  });
}

export function runProbe(probe: ApiObject, container: ApiObject, env: Record<string, string>, cwd: string): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) return execProbe(probe, env, cwd, timeoutMs);
  if (probe.httpGet) return httpProbe(probe, container, timeoutMs);
  if (probe.tcpSocket) return tcpProbe(probe, container, timeoutMs);
  return Promise.resolve({ ok: false, message: 'probe has no exec, httpGet or tcpSocket handler (grpc is not supported)' });
}

export type ProbeHandlers = { onChange: (ok: boolean) => void; onFailure: (message: string) => void };

/** Runs a probe periodically; reports each failure and each verdict flip once its threshold is met. */
export class ProbeLoop {
  private timer: NodeJS.Timeout | undefined;
  private verdict: boolean;
  private streak = 0;
  private stopped = false;

  constructor(probe: ApiObject, check: () => Promise<ProbeResult>, initial: boolean, handlers: ProbeHandlers) {
    this.verdict = initial;
    const thresholds = { success: probe.successThreshold ?? 1, failure: probe.failureThreshold ?? 3 };
    const tick = async () => {
      const result = await check();
      if (this.stopped) return;
      if (!result.ok) handlers.onFailure(result.message);
      this.streak = result.ok === this.verdict ? 0 : this.streak + 1;
      if (this.streak >= (result.ok ? thresholds.success : thresholds.failure)) {
        this.verdict = result.ok;
        this.streak = 0;
        handlers.onChange(result.ok);
      }
      this.timer = setTimeout(tick, (probe.periodSeconds ?? 10) * 1000);
    };
    this.timer = setTimeout(tick, (probe.initialDelaySeconds ?? 0) * 1000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
