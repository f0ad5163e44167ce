import type { ImageProfile } from '../profile';

/** Profiles being added (family: langs); folded into index.ts once reviewed. */
export const FAMILY: readonly ImageProfile[] = [];
