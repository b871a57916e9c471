// Renders template snippets against a values file with the reference helm (TZ=UTC), so the
// codec tests can compare each snippet's output with ours on the same parsed values.
import { helmSnippets } from '../support/helm-snippets.ts';

/** Each snippet's rendered text; snippets see the values as .Values. */
export function helmRender(valuesYaml: string, snippets: string[]): string[] {
  return helmSnippets(snippets, { values: valuesYaml });
}
