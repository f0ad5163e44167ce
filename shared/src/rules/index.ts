import type { AnyRule } from '../rule';
import sudo from './image/sudo';

/** Every rule. Adding a rule is adding its file and one line here. */
export const RULES: readonly AnyRule[] = [
  sudo,
];

export { BUILTINS } from './builtin';
