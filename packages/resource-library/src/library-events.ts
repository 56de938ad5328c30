import type { LibraryConfig } from './library-config';

/**
 * The events a resource library publishes (SPEC §1: versioned, read by consumers from the stream only):
 * `shanxi.LibraryMemberAdmitted.v1`, `hebei.LibraryMemberRemoved.v1` …; payload: the membership snapshot.
 */
export const libraryEvents = (config: LibraryConfig) => ({
  MemberAdmitted: `${config.name}.LibraryMemberAdmitted.v1`,
  MemberNotified: `${config.name}.LibraryMemberNotified.v1`,
  MemberRemoved: `${config.name}.LibraryMemberRemoved.v1`,
});
