// The TemplateSet API the render engine builds on: Go's rules for redefining templates,
// independent clones, functions added later, re-entrant execution, delimiters and missingkey.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet } from '../../src/gotemplate/index.ts';
import { goFunc, type GoValue } from '../../src/govalue/types.ts';

describe('TemplateSet', () => {
  test('a later non-empty define replaces an earlier one; an empty one does not', () => {
    const set = new TemplateSet({ funcs: {} });
    set.parse('a.tpl', '{{ define "x" }}first{{ end }}');
    set.parse('b.tpl', '{{ define "x" }}second{{ end }}');
    set.parse('c.tpl', '{{ define "x" }}  {{ end }}');
    set.parse('main.tpl', '[{{ template "x" }}]');
    assert.equal(set.execute('main.tpl', null), '[second]');
    assert.ok(set.has('a.tpl') && set.has('x') && !set.has('y'));
  });

  test('a clone is independent of the set it came from', () => {
    const set = new TemplateSet({ funcs: {} });
    set.parse('base.tpl', '{{ define "x" }}base{{ end }}');
    const copy = set.clone();
    copy.parse('tpl', '{{ define "x" }}override{{ end }}{{ template "x" }}');
    set.parse('main.tpl', '{{ template "x" }}');
    assert.equal(copy.execute('tpl', null), 'override');
    assert.equal(set.execute('main.tpl', null), 'base');
    assert.equal(set.has('tpl'), false);
  });

  test('functions added after construction are callable, and execute is re-entrant', () => {
    const set = new TemplateSet({ funcs: {} });
    set.addFuncs({
      include: goFunc('include', (name: GoValue, data: GoValue) => set.execute(String(name), data)),
    });
    set.parse('inner.tpl', '<{{ . }}>');
    set.parse('outer.tpl', '{{ include "inner.tpl" .a }}|{{ include "inner.tpl" .b }}');
    assert.equal(set.execute('outer.tpl', { a: 'one', b: 'two' }), '<one>|<two>');
  });

  test('a function error names the function and keeps its message', () => {
    const set = new TemplateSet({ funcs: { boom: goFunc('boom', () => { throw new Error('it broke'); }) } });
    set.parse('t.tpl', '\n  {{ boom }}');
    assert.throws(() => set.execute('t.tpl', null), {
      message: 'template: t.tpl:2:5: executing "t.tpl" at <boom>: error calling boom: it broke',
    });
  });

  test('custom delimiters', () => {
    const set = new TemplateSet({ funcs: {}, leftDelim: '[[', rightDelim: ']]' });
    set.parse('d.tpl', '{{ kept }} [[- .x -]] [[/* gone */]]!');
    assert.equal(set.execute('d.tpl', { x: 'v' }), '{{ kept }}v!');
  });

  test('missingkey modes', () => {
    const text = '[{{ .nope }}]';
    const run = (missingKey: 'default' | 'zero' | 'error') => {
      const set = new TemplateSet({ funcs: {}, missingKey });
      set.parse('m.tpl', text);
      return set.execute('m.tpl', { present: 1n });
    };
    assert.equal(run('default'), '[<no value>]');
    assert.equal(run('zero'), '[<no value>]');
    assert.throws(() => run('error'), { message: 'template: m.tpl:1:4: executing "m.tpl" at <.nope>: map has no entry for key "nope"' });
  });

  test('executing an unknown template is an error', () => {
    const set = new TemplateSet({ funcs: {} });
    assert.throws(() => set.execute('missing.tpl', null), /no template "missing.tpl"/);
  });
});
