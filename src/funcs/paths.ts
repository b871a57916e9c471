// Slash-separated path functions (Go's path package) and their os* twins, which use
// path/filepath and behave identically on Linux, where Helm renders.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';

/** Go's path.Clean: shortest equivalent path by lexical processing. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const element of p.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(element);
  }
  const joined = parts.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

const isAbsPath = (p: string) => p.startsWith('/');

const operations: Record<string, (p: string) => string | boolean> = {
  base: basePath, dir: dirPath, clean: cleanPath, ext: extPath, isAbs: isAbsPath,
};

export const pathFunctions: Record<string, GoFunc> = Object.fromEntries(
  Object.entries(operations).flatMap(([name, op]) => {
    const osName = `os${name[0].toUpperCase()}${name.slice(1)}`;
    return [name, osName].map((fn) => [fn, goFunc(fn, (p) => op(expectString(fn, p)))]);
  }),
);
