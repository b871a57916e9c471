// uuidv4: a random RFC 4122 version 4 UUID, as github.com/google/uuid prints it.
import { randomUUID } from 'node:crypto';
import { goFunc, type GoFunc } from '../govalue/types.ts';

export const uuidFunctions: Record<string, GoFunc> = {
  uuidv4: goFunc('uuidv4', () => randomUUID()),
};
