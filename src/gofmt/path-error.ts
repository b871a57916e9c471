// Go's *os.PathError text ("open x.yaml: no such file or directory") for a Node.js fs error,
// so messages about the user's files read as helm's do.
const goErrnoText: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

export function goPathError(op: string, path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return `${op} ${path}: ${goErrnoText[code] ?? (err as Error).message}`;
}
