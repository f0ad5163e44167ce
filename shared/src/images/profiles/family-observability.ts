import type { ImageProfile } from '../profile';

/** Profiles being added (family: observability); folded into index.ts once reviewed. */
export const FAMILY: readonly ImageProfile[] = [];
