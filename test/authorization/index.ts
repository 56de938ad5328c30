import { shanxiLibrary } from '../../subgraphs/shanxi/src/library-config';
import { hebeiLibrary } from '../../subgraphs/hebei/src/library-config';
import { shandongProgramme } from '../../subgraphs/shandong/src/programme';
import { ningxiaProgramme } from '../../subgraphs/ningxia/src/programme';
import type { CaseSetFactory } from '../support/authorization-matrix';
import { registryCases } from './registry.cases';
import { taiyuanCases } from './taiyuan.cases';
import { shanxiProvincialCases } from './shanxi-provincial.cases';
import { resourceLibraryCases } from './resource-library.cases';
import { demonstrationPlatformCases } from './demonstration-platform.cases';

/**
 * Every area's case set, each a `CaseSetFactory`: the registry, Taiyuan's flow, Shanxi's provincial review, the
 * resource library in each province and the demonstration platforms in each programme. Between them they cover
 * every mutation of the supergraph (the matrix tests check that per area); tests that need a prepared record for
 * each mutation take them from here.
 */
export interface CaseArea {
  /** The area's name in test titles (one subgraph, or one engine in one province). */
  area: string;
  /** The subgraphs whose mutations the area's cases cover. */
  subgraphs: readonly string[];
  factory: CaseSetFactory;
}

export const CASE_AREAS: readonly CaseArea[] = [
  { area: 'registry', subgraphs: ['registry'], factory: registryCases },
  { area: 'taiyuan', subgraphs: ['taiyuan'], factory: taiyuanCases },
  { area: 'shanxi-provincial', subgraphs: ['shanxi'], factory: shanxiProvincialCases },
  { area: 'shanxi-library', subgraphs: [shanxiLibrary.name], factory: resourceLibraryCases(shanxiLibrary) },
  { area: 'hebei-library', subgraphs: [hebeiLibrary.name], factory: resourceLibraryCases(hebeiLibrary) },
  { area: 'shandong', subgraphs: [shandongProgramme.name], factory: demonstrationPlatformCases(shandongProgramme) },
  { area: 'ningxia', subgraphs: [ningxiaProgramme.name], factory: demonstrationPlatformCases(ningxiaProgramme) },
];

/** The factories alone, in the order above. */
export const CASE_SET_FACTORIES: readonly CaseSetFactory[] = CASE_AREAS.map((a) => a.factory);

/** One area by name (throws on an unknown name, so a typo in a test fails loudly). */
export function caseArea(area: string): CaseArea {
  const found = CASE_AREAS.find((a) => a.area === area);
  if (!found) throw new Error(`no case area ${area}: ${CASE_AREAS.map((a) => a.area).join(', ')}`);
  return found;
}
