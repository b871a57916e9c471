// mergo's Merge for map[string]interface{} as Sprig's merge and mergeOverwrite use it:
// the destination map is filled (or, with overwrite, replaced) in place, nested maps
// are merged recursively, and "empty" follows mergo's isEmptyValue.
import { isGoMap, type GoMap } from '../govalue/types.ts';
import { isEmpty } from './coerce.ts';

export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const srcValue = src[key];
    const hasDst = Object.hasOwn(dst, key);
    const dstValue = hasDst ? dst[key] : null;
    if (srcValue === null) {
      // A nil source value only lands through overwrite.
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isGoMap(srcValue) && isGoMap(dstValue)) {
      mergeInto(dstValue, srcValue, overwrite);
      if (!isEmpty(dstValue)) continue;
    }
    if (overwrite || !hasDst || isEmpty(dstValue)) dst[key] = srcValue;
  }
}
