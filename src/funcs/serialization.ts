// Helm's serialization template functions (toYaml, fromJson, toToml, ...) and the Sprig JSON
// functions Helm keeps. Helm's from* functions report failures inside the result, not as errors.
import { goFunc, isGoMap, type GoFunc, type GoMap, type GoValue } from '../govalue/types.ts';
import { expectString } from './arg-types.ts';
import { marshalYaml, toYaml } from '../codec/goyaml-emit.ts';
import { toYamlPretty } from '../codec/goyaml-pretty.ts';
import { yamlToGo } from '../codec/yaml-values.ts';
import { goJsonMarshal } from '../codec/go-json.ts';
import { goJsonUnmarshal, jsonKind } from '../codec/go-json-decode.ts';
import { toToml } from '../codec/go-toml-encode.ts';
import { goTomlUnmarshal } from '../codec/go-toml-decode.ts';

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

/** encoding/json's type mismatch for a decoded top-level value, or undefined when it fits. */
function mismatch(v: GoValue, want: 'map' | 'slice'): string | undefined {
  if (v === null) return undefined;
  if (want === 'map' ? isGoMap(v) : Array.isArray(v)) return undefined;
  return `json: cannot unmarshal ${jsonKind(v)} into Go value of type ${want === 'map' ? MAP_TYPE : SLICE_TYPE}`;
}

/** Decodes into a map or slice; returns the value or Go's error text (a wrong kind after `kindPrefix`). */
function decodeInto(decode: (text: string) => GoValue, kindPrefix: string) {
  return (text: string, want: 'map' | 'slice'): { value: GoValue } | { error: string } => {
    let value: GoValue;
    try {
      value = decode(text);
    } catch (err) {
      return { error: (err as Error).message };
    }
    const wrong = mismatch(value, want);
    return wrong ? { error: kindPrefix + wrong } : { value };
  };
}

/** sigs.k8s.io/yaml.Unmarshal into a map or slice. */
const yamlInto = decodeInto(yamlToGo, 'error unmarshaling JSON: while decoding JSON: ');
/** json.Unmarshal into a map or slice. */
const jsonInto = decodeInto(goJsonUnmarshal, '');

/** Helm's fromYaml/fromJson shape: the map, or an empty map holding the message under "Error". */
function asMap(result: { value: GoValue } | { error: string }): GoMap {
  if ('error' in result) return { Error: result.error };
  return (result.value ?? {}) as GoMap;
}

/** Helm's fromYamlArray/fromJsonArray shape: the list, or a list holding only the message. */
function asList(result: { value: GoValue } | { error: string }): GoValue[] {
  if ('error' in result) return [result.error];
  return (result.value ?? []) as GoValue[];
}

/** json.Encoder with SetEscapeHTML(false), without the newline Encode appends. */
function rawJson(v: GoValue): string {
  return goJsonMarshal(v, { escapeHTML: false });
}

const orEmpty = (encode: () => string) => {
  try {
    return encode();
  } catch {
    return '';
  }
};

export const serializationFunctions: Record<string, GoFunc> = {
  toYaml: goFunc('toYaml', (v) => toYaml(v)),
  mustToYaml: goFunc('mustToYaml', (v) => marshalYaml(v).replace(/\n$/, '')),
  toYamlPretty: goFunc('toYamlPretty', (v) => toYamlPretty(v)),
  fromYaml: goFunc('fromYaml', (s) => asMap(yamlInto(expectString('fromYaml', s), 'map'))),
  fromYamlArray: goFunc('fromYamlArray', (s) => asList(yamlInto(expectString('fromYamlArray', s), 'slice'))),
  toJson: goFunc('toJson', (v) => orEmpty(() => goJsonMarshal(v))),
  mustToJson: goFunc('mustToJson', (v) => goJsonMarshal(v)),
  fromJson: goFunc('fromJson', (s) => asMap(jsonInto(expectString('fromJson', s), 'map'))),
  fromJsonArray: goFunc('fromJsonArray', (s) => asList(jsonInto(expectString('fromJsonArray', s), 'slice'))),
  mustFromJson: goFunc('mustFromJson', (s) => goJsonUnmarshal(expectString('mustFromJson', s))),
  toPrettyJson: goFunc('toPrettyJson', (v) => orEmpty(() => goJsonMarshal(v, { indent: '  ' }))),
  mustToPrettyJson: goFunc('mustToPrettyJson', (v) => goJsonMarshal(v, { indent: '  ' })),
  // Sprig's toRawJson panics on failure, which the template reports as an error.
  toRawJson: goFunc('toRawJson', (v) => rawJson(v)),
  mustToRawJson: goFunc('mustToRawJson', (v) => rawJson(v)),
  toToml: goFunc('toToml', (v) => toToml(v)),
  fromToml: goFunc('fromToml', (s) => {
    const text = expectString('fromToml', s);
    try {
      return goTomlUnmarshal(text);
    } catch (err) {
      return { Error: (err as Error).message };
    }
  }),
};
