// Sprig's reflection functions: Go type and kind names, and reflect.DeepEqual.
import { goFunc, type GoFunc } from '../govalue/types.ts';
import { goKind, goTypeName } from '../gofmt/fmt.ts';
import { expectString } from './arg-types.ts';
import { deepEqual } from './coerce.ts';

export const reflectionFunctions: Record<string, GoFunc> = {
  typeOf: goFunc('typeOf', (v) => goTypeName(v)),
  typeIs: goFunc('typeIs', (target, v) => expectString('typeIs', target) === goTypeName(v)),
  // typeIsLike also accepts a pointer to the named type.
  typeIsLike: goFunc('typeIsLike', (target, v) => {
    const t = goTypeName(v);
    const want = expectString('typeIsLike', target);
    return want === t || `*${want}` === t;
  }),
  kindOf: goFunc('kindOf', (v) => goKind(v)),
  kindIs: goFunc('kindIs', (target, v) => expectString('kindIs', target) === goKind(v)),
  deepEqual: goFunc('deepEqual', (a, b) => deepEqual(a, b)),
};
