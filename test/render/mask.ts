// Masks output that is random by design (generated passwords, keys, certificates, UUIDs),
// keeping its shape so the comparison stays structural: length and character classes.

const base64Block = /-----BEGIN ([A-Z ]+)-----\n[\s\S]*?-----END \1-----/g;
const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
// Charts mark random values they print as RANDOM(<value>).
const marked = /RANDOM\(([^)]*)\)/g;

// Only the alphabet a value is drawn from: which classes a short random string happens to
// hit (all lower case, no digit) is chance.
function shape(value: string): string {
  const charset = /^[0-9]*$/.test(value) ? 'digits' : /^[a-zA-Z0-9]*$/.test(value) ? 'alphanumeric' : 'other';
  return `len=${value.length},charset=${charset}`;
}

export function maskRandom(text: string): string {
  return text
    .replace(base64Block, (_all, label: string) => `<${label}>`)
    .replace(uuid, '<uuid>')
    .replace(marked, (_all, value: string) => `RANDOM(${shape(value)})`);
}
