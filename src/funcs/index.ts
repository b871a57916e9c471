// The function map templates see: Sprig's functions without env/expandenv, plus Helm's own
// (toYaml & co., include, tpl, required, fail, lookup), as helm 4.1.4's engine builds it.
import type { GoFunc } from '../govalue/types.ts';
import { conversionFunctions } from './conversion.ts';
import { cryptoFunctions } from './crypto.ts';
import { dateFunctions } from './dates.ts';
import { defaultFunctions } from './defaults.ts';
import { dictFunctions } from './dicts.ts';
import { encodingFunctions } from './encoding.ts';
import { helmPlaceholderFunctions } from './helm.ts';
import { listFunctions } from './lists.ts';
import { mathFunctions } from './math.ts';
import { networkFunctions } from './network.ts';
import { pathFunctions } from './paths.ts';
import { randomFunctions } from './random.ts';
import { reflectionFunctions } from './reflection.ts';
import { regexFunctions } from './regex.ts';
import { semverFunctions } from './semver.ts';
import { serializationFunctions } from './serialization.ts';
import { stringFunctions } from './strings.ts';
import { urlFunctions } from './urls.ts';
import { uuidFunctions } from './uuid.ts';

/** Sprig names Helm removes so templates cannot read the environment. */
const removedSprigFunctions = ['env', 'expandenv'];

/**
 * A fresh map of every function a chart template can call. include and tpl are
 * placeholders here; the render engine binds them to its template set.
 */
export function templateFunctions(): Record<string, GoFunc> {
  const funcs: Record<string, GoFunc> = {
    ...stringFunctions, ...listFunctions, ...dictFunctions, ...mathFunctions, ...conversionFunctions,
    ...defaultFunctions, ...reflectionFunctions, ...regexFunctions, ...semverFunctions, ...cryptoFunctions,
    ...dateFunctions, ...uuidFunctions, ...randomFunctions, ...encodingFunctions, ...pathFunctions,
    ...urlFunctions, ...networkFunctions, ...serializationFunctions, ...helmPlaceholderFunctions,
  };
  for (const name of removedSprigFunctions) delete funcs[name];
  return funcs;
}
