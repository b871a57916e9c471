// Kubernetes timestamp formats: Time (whole seconds), MicroTime (exactly six fractional digits)
// and the RFC3339Nano stamps the kubelet puts on log lines.
export function kubeTime(at = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function microTime(at = new Date()): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/** Log-line stamp; nanoseconds padded from the millisecond clock as Go's RFC3339Nano would print them. */
export function nanoTime(at = new Date()): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
