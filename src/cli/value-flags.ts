// The value flags Helm's chart commands share (-f, --set, --set-string, --set-file, --set-json,
// --set-literal), repeatable and in Helm's names.
import type { Command } from 'commander';
import { mergeValueSources, type ValueSources } from '../values/merge-sources.ts';
import { fetchValueUrls } from '../values/url-sources.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addValueFlags(cmd: Command): Command {
  return cmd
    .option('-f, --values <file>', 'specify values in a YAML file or a URL (can specify multiple)', collect, [])
    .option('--set <key=value>', 'set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)', collect, [])
    .option('--set-string <key=value>', 'set STRING values on the command line', collect, [])
    .option('--set-file <key=path>', 'set values from respective files specified via the command line', collect, [])
    .option('--set-json <key=json>', 'set JSON values on the command line', collect, [])
    .option('--set-literal <key=value>', 'set a literal STRING value on the command line', collect, []);
}

export interface ValueFlagValues {
  values: string[];
  set: string[];
  setString: string[];
  setFile: string[];
  setJson: string[];
  setLiteral: string[];
}

/** The value flags as sources, with the URLs among them already fetched (stdin is left for the real merge). */
export async function valueSources(flags: ValueFlagValues): Promise<ValueSources> {
  const sources: ValueSources = {
    valueFiles: flags.values, set: flags.set, setString: flags.setString,
    setFile: flags.setFile, setJson: flags.setJson, setLiteral: flags.setLiteral,
  };
  return { ...sources, fetched: await fetchValueUrls((fetched) => mergeValueSources({ ...sources, fetched }, () => '')) };
}
