import type { ImageProfile } from '../profile';

/** Profiles being added (family: edge); folded into index.ts once reviewed. */
export const FAMILY: readonly ImageProfile[] = [];
