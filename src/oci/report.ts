// What helm prints (on stderr) after moving a chart to or from a registry.

export const UNDERSCORE_NOTE = `
OCI artifact references (e.g. tags) do not support the plus sign (+). To support
storing semantic versions, Helm adopts the convention of changing plus (+) to
an underscore (_) in chart version tags when pushing to a registry and back to
a plus (+) when pulling from a registry.
`;

/** Helm's lines after a push or pull, with its note when `underscore` (a tag holds one). */
export function transferReport(verb: 'Pushed' | 'Pulled', reference: string, digest: string, underscore: boolean): string {
  let text = `${verb}: ${reference}\nDigest: ${digest}\n`;
  if (underscore) text += `${reference} contains an underscore.\n${UNDERSCORE_NOTE}`;
  return text;
}
