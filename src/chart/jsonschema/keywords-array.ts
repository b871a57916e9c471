// Keywords for arrays: item counts, uniqueItems, items/additionalItems (before 2020-12),
// prefixItems/items (2020-12), contains with minContains/maxContains.
import { additionalItemsKind, containsKind, countKind, maxContainsKind, minContainsKind, uniqueItemsKind } from './error-kinds.ts';
import type { SchemaError } from './errors.ts';
import type { Frame } from './frame.ts';
import { integerKeyword } from './json-number.ts';
import { firstDuplicate } from './json-value.ts';

export function validateArray(frame: Frame, arr: unknown[]): void {
  const node = frame.node;
  const s = node.obj!;
  const minItems = integerKeyword(s.minItems);
  if (minItems !== undefined && arr.length < minItems) frame.addError(countKind('minItems', arr.length, minItems));
  const maxItems = integerKeyword(s.maxItems);
  if (maxItems !== undefined && arr.length > maxItems) frame.addError(countKind('maxItems', arr.length, maxItems));
  if (s.uniqueItems === true && arr.length > 1) {
    const dup = firstDuplicate(arr);
    if (dup) frame.addError(uniqueItemsKind(dup[0], dup[1]));
  }

  // Items after the positional ones are numbered from 0 again, as the library does.
  if (node.draft < 2020) {
    const items = s.items;
    let evaluated = 0;
    if (Array.isArray(items)) {
      evaluated = Math.min(arr.length, items.length);
      for (let i = 0; i < evaluated; i++) frame.addErr(frame.validateVal(node.child(items[i], 'items', String(i)), arr[i], String(i)));
      const additional = s.additionalItems;
      if (additional === false) {
        if (evaluated !== arr.length) frame.addError(additionalItemsKind(arr.length - evaluated));
      } else if (additional !== undefined && additional !== true) {
        const sub = node.child(additional, 'additionalItems');
        for (let i = evaluated; i < arr.length; i++) frame.addErr(frame.validateVal(sub, arr[i], String(i - evaluated)));
      }
    } else if (items !== undefined) {
      const sub = node.child(items, 'items');
      for (let i = 0; i < arr.length; i++) frame.addErr(frame.validateVal(sub, arr[i], String(i)));
    }
  } else {
    const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    const evaluated = Math.min(prefix.length, arr.length);
    for (let i = 0; i < evaluated; i++) frame.addErr(frame.validateVal(node.child(prefix[i], 'prefixItems', String(i)), arr[i], String(i)));
    if (s.items !== undefined) {
      const sub = node.child(s.items, 'items');
      for (let i = evaluated; i < arr.length; i++) frame.addErr(frame.validateVal(sub, arr[i], String(i - evaluated)));
    }
  }

  if (node.draft >= 6 && s.contains !== undefined) {
    const sub = node.child(s.contains, 'contains');
    const errors: SchemaError[] = [];
    const matched: number[] = [];
    for (let i = 0; i < arr.length; i++) {
      const err = frame.validateVal(sub, arr[i], String(i));
      if (err) errors.push(err);
      else {
        matched.push(i);
        if (node.draft >= 2020) frame.uneval.items?.delete(i);
      }
    }
    const minContains = node.draft >= 2019 ? integerKeyword(s.minContains) : undefined;
    if (minContains !== undefined) {
      if (matched.length < minContains) frame.addError(minContainsKind(matched, minContains), errors);
    } else if (matched.length === 0) frame.addError(containsKind, errors);
    const maxContains = node.draft >= 2019 ? integerKeyword(s.maxContains) : undefined;
    if (maxContains !== undefined && matched.length > maxContains) frame.addError(maxContainsKind(matched, maxContains));
  }
}
