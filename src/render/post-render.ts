// Helm 4's post-rendering step (pkg/action/action.go renderResources): every rendered file but
// the notes and partials is merged into one YAML stream, each document annotated with the file
// it came from; the post-renderer rewrites the stream; the result is split back into files by
// that annotation. Both directions go through kyaml's round trip (kyaml.ts), so documents come
// back re-indented (2 spaces, sequences not indented) with their comments and quoting kept.
import type { Document } from 'yaml';
import { annotationsOf, clearAnnotation, parseAll, setAnnotation, stringAll } from './kyaml.ts';

/** The annotation helm uses to remember each document's template file. */
export const filenameAnnotation = 'postrenderer.helm.sh/postrender-filename';

/** A failure of the post-rendering step (helm words each stage's error). */
export class PostRenderError extends Error {}

/** Runs the post-renderer on the merged stream and returns its output. */
export type PostRenderer = (manifests: string) => string;

/** Go template trimming can leave "---apiVersion": helm puts the line break back first. */
function fixDocSeparators(content: string): string {
  return content.replace(/(^|\n)---(?=[^\n\r \t])/g, '$1---\n');
}

/** The stream helm hands to the post-renderer: files in name order, each document annotated with its file. */
export function annotateAndMerge(files: ReadonlyMap<string, string>): string {
  const merged: Document[] = [];
  for (const name of [...files.keys()].sort()) {
    const content = files.get(name)!;
    if (name.split('/').pop()!.startsWith('_') || content.trim() === '') continue;
    let docs: Document[];
    try {
      docs = parseAll(fixDocSeparators(content));
    } catch (err) {
      throw new Error(`parsing ${name}: ${(err as Error).message}`, { cause: err });
    }
    for (const doc of docs) {
      try {
        setAnnotation(doc, filenameAnnotation, name);
      } catch (err) {
        throw new Error(`annotating ${name}: ${(err as Error).message}`, { cause: err });
      }
      merged.push(doc);
    }
  }
  return stringAll(merged);
}

/** The post-renderer's output back as files; a document without the annotation is a file of its own. */
export function splitAndDeannotate(output: string): Map<string, string> {
  let docs: Document[];
  try {
    docs = parseAll(output);
  } catch (err) {
    throw new Error(`error parsing YAML: ${(err as Error).message}`, { cause: err });
  }
  const byFile = new Map<string, Document[]>();
  docs.forEach((doc, i) => {
    const annotated = annotationsOf(doc)?.get(filenameAnnotation);
    const name = typeof annotated === 'string' && annotated !== '' ? annotated : `generated-by-postrender-${i}.yaml`;
    clearAnnotation(doc, filenameAnnotation);
    byFile.set(name, [...(byFile.get(name) ?? []), doc]);
  });
  return new Map([...byFile].map(([name, fileDocs]) => [name, stringAll(fileDocs)]));
}

/** The rendered files after post-rendering: NOTES.txt files pass by untouched, as in helm. */
export function postRenderFiles(rendered: ReadonlyMap<string, string>, run: PostRenderer): Map<string, string> {
  const notes = [...rendered].filter(([name]) => name.endsWith('NOTES.txt'));
  const files = new Map([...rendered].filter(([name]) => !name.endsWith('NOTES.txt')));
  let merged: string;
  try {
    merged = annotateAndMerge(files);
  } catch (err) {
    throw new PostRenderError(`error merging manifests: ${(err as Error).message}`, { cause: err });
  }
  let output: string;
  try {
    output = run(merged);
  } catch (err) {
    throw new PostRenderError(`error while running post render on files: ${(err as Error).message}`, { cause: err });
  }
  let split: Map<string, string>;
  try {
    split = splitAndDeannotate(output);
  } catch (err) {
    throw new PostRenderError(`error while parsing post rendered output: ${(err as Error).message}`, { cause: err });
  }
  return new Map([...notes, ...split]);
}
