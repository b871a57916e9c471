// not, allOf, anyOf, oneOf and if/then/else, each applying subschemas to the same value.
import { allOfKind, anyOfKind, notKind, oneOfManyKind, oneOfNoneKind } from './error-kinds.ts';
import type { SchemaError } from './errors.ts';
import type { Frame } from './frame.ts';

export function validateApplicators(frame: Frame): void {
  const node = frame.node;
  const s = node.obj!;
  if (s.not !== undefined && frame.validateSelf(node.child(s.not, 'not'), '', true) === undefined) frame.addError(notKind);

  if (Array.isArray(s.allOf) && s.allOf.length > 0) {
    const errors: SchemaError[] = [];
    for (let i = 0; i < s.allOf.length; i++) {
      const err = frame.validateSelf(node.child(s.allOf[i], 'allOf', String(i)), '', false);
      if (err) {
        errors.push(err);
        if (frame.boolResult) break;
      }
    }
    if (errors.length > 0) frame.addError(allOfKind, errors);
  }

  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) {
    const errors: SchemaError[] = [];
    let matched = false;
    for (let i = 0; i < s.anyOf.length; i++) {
      const err = frame.validateSelf(node.child(s.anyOf[i], 'anyOf', String(i)), '', false);
      if (err) errors.push(err);
      else {
        matched = true;
        // unevaluated* needs every passing branch's view; otherwise one pass is enough.
        if (frame.uneval.isEmpty()) break;
      }
    }
    if (!matched) frame.addError(anyOfKind, errors);
  }

  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
    const errors: SchemaError[] = [];
    let matched = -1;
    for (let i = 0; i < s.oneOf.length; i++) {
      const err = frame.validateSelf(node.child(s.oneOf[i], 'oneOf', String(i)), '', matched !== -1);
      if (err) {
        if (matched === -1) errors.push(err);
      } else if (matched === -1) matched = i;
      else {
        frame.addError(oneOfManyKind(matched, i));
        break;
      }
    }
    if (matched === -1) frame.addError(oneOfNoneKind, errors);
  }

  if (node.draft >= 7 && s.if !== undefined) {
    if (frame.validateSelf(node.child(s.if, 'if'), '', true) === undefined) {
      if (s.then !== undefined) frame.addErr(frame.validateSelf(node.child(s.then, 'then'), '', false));
    } else if (s.else !== undefined) frame.addErr(frame.validateSelf(node.child(s.else, 'else'), '', false));
  }
}
