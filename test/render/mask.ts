// Masks output that is random by design (generated passwords, keys, certificates, UUIDs),
// keeping its shape so the comparison stays structural: length and character classes.

const base64Block = /-----BEGIN ([A-Z ]+)-----\n[\s\S]*?-----END \1-----/g;
const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
// Charts mark random values they print as RANDOM(<value>).
const marked = /RANDOM\(([^)]*)\)/g;

function shape(value: string): string {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].map((re) => (re.test(value) ? '1' : '0')).join('');
  return `len=${value.length},classes=${classes}`;
}

export function maskRandom(text: string): string {
  return text
    .replace(base64Block, (_all, label: string) => `<${label}>`)
    .replace(uuid, '<uuid>')
    .replace(marked, (_all, value: string) => `RANDOM(${shape(value)})`);
}
