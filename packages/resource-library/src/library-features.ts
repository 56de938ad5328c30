import type { LibraryConfig } from './library-config';

/**
 * The member duties beyond admission, each its own resolver: quarterly reports (第十条), major changes
 * (第十一条), annual evaluations (第十二条), products and cases (第十三条（一）), and — where the guideline
 * sets the duty — service appointments (河北 第十三条（二）).
 */
// eslint-disable-next-line @typescript-eslint/ban-types
export function libraryFeatureResolvers(config: LibraryConfig): Function[] {
  // eslint-disable-next-line @typescript-eslint/ban-types
  const resolvers: Function[] = [];
  // (one line per duty: resolvers.push(createXResolver(config));)
  void config;
  return resolvers;
}
