// Every function this package provides is one helm knows, under the same name, and
// each GoFunc carries the name it is registered under.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cryptoFunctions } from '../../src/funcs/crypto.ts';
import { dateFunctions } from '../../src/funcs/dates.ts';
import { encodingFunctions } from '../../src/funcs/encoding.ts';
import { networkFunctions } from '../../src/funcs/network.ts';
import { pathFunctions } from '../../src/funcs/paths.ts';
import { randomFunctions } from '../../src/funcs/random.ts';
import { regexFunctions } from '../../src/funcs/regex.ts';
import { semverFunctions } from '../../src/funcs/semver.ts';
import { urlFunctions } from '../../src/funcs/urls.ts';
import { uuidFunctions } from '../../src/funcs/uuid.ts';
import { helmError } from './helm-eval.ts';

const families = {
  cryptoFunctions, dateFunctions, encodingFunctions, networkFunctions, pathFunctions, randomFunctions, regexFunctions,
  semverFunctions, urlFunctions, uuidFunctions,
};

test('function names are ones helm defines, and no family repeats another', () => {
  const seen = new Set<string>();
  for (const [family, fns] of Object.entries(families)) {
    for (const [name, fn] of Object.entries(fns)) {
      assert.equal(fn.name, name, `${family}.${name}`);
      assert.ok(!seen.has(name), `${name} is defined twice`);
      seen.add(name);
    }
  }
  const everything = [...seen].map((name) => `{{ if false }}{{ ${name} }}{{ end }}`).join('');
  assert.equal(helmError(everything), undefined);
  assert.match(helmError('{{ if false }}{{ mustRegexQuoteMeta }}{{ end }}') ?? '', /not defined/);
  assert.equal(seen.size, 72);
});
