// Problems with the schema itself, which helm reports in place of any validation result, in the
// wording of santhosh-tekuri/jsonschema's compiler.
import { goQuote } from '../../gofmt/strconv.ts';

export class SchemaCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaCompileError';
  }
}

/** Go's url.PathEscape of each pointer token (the library's encode()). */
export function encodeFragment(fragment: string): string {
  return fragment.split('/').map((token) => {
    let out = '';
    for (const byte of Buffer.from(token, 'utf8')) {
      const ch = String.fromCharCode(byte);
      out += /[A-Za-z0-9\-_.~$&+:=@]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
  }).join('/');
}

export const pointerNotFound = (url: string, ptr: string) => new SchemaCompileError(`json-pointer in ${goQuote(`${url}#${encodeFragment(ptr)}`)} not found`);
export const invalidPointer = (url: string, ptr: string) => new SchemaCompileError(`invalid json-pointer ${goQuote(`${url}#${encodeFragment(ptr)}`)}`);
export const anchorNotFound = (reference: string, url: string) => new SchemaCompileError(`anchor in ${goQuote(reference)} not found in schema ${goQuote(url)}`);
export const loadFailed = (url: string, reason: string) => new SchemaCompileError(`failing loading ${goQuote(url)}: ${reason}`);
export const parseUrlFailed = (url: string, reason: string) => new SchemaCompileError(`error in parsing ${goQuote(url)}: ${reason}`);
export const invalidRegex = (location: string, regex: string, reason: string) =>
  new SchemaCompileError(`invalid regex ${goQuote(regex)} at ${goQuote(location)}: ${reason}`);
export const duplicateId = (id: string, url: string, ptr1: string, ptr2: string) =>
  new SchemaCompileError(`duplicate id ${goQuote(id)} in ${goQuote(url)} at ${goQuote(ptr1)} and ${goQuote(ptr2)}`);
export const duplicateAnchor = (anchor: string, url: string, ptr1: string, ptr2: string) =>
  new SchemaCompileError(`duplicate anchor ${goQuote(anchor)} in ${goQuote(url)} at ${goQuote(ptr1)} and ${goQuote(ptr2)}`);
