import { setUpSubgraph } from '@sme/kernel';
import { databaseWithLoaded } from '@sme/testing';
import { loadLibraryDemoData } from '@sme/resource-library';
import { loadPlatformDemoData } from '@sme/demonstration-platform';
import { registry } from '../../subgraphs/registry/src/server';
import { loadDemoData as loadRegistryDemoData } from '../../subgraphs/registry/src/demo-data';
import { shanxi } from '../../subgraphs/shanxi/src/server';
import { shanxiLibrary } from '../../subgraphs/shanxi/src/library-config';
import { hebei } from '../../subgraphs/hebei/src/server';
import { hebeiLibrary } from '../../subgraphs/hebei/src/library-config';
import { taiyuan } from '../../subgraphs/taiyuan/src/server';
import { loadDemoData as loadTaiyuanDemoData } from '../../subgraphs/taiyuan/src/demo-data';
import { shandong } from '../../subgraphs/shandong/src/server';
import { shandongProgramme } from '../../subgraphs/shandong/src/programme';
import { shandongDemoPlan } from '../../subgraphs/shandong/src/demo-plan';
import { ningxia } from '../../subgraphs/ningxia/src/server';
import { ningxiaProgramme } from '../../subgraphs/ningxia/src/programme';
import { ningxiaDemoPlan } from '../../subgraphs/ningxia/src/demo-plan';
import { provinceDecidesDemoRecommendations } from './demo-data';

/**
 * The demo data set of test/support/demo-data.ts `loadDemoData`, in the same order and through the same services
 * and events, but in this process: each subgraph's setup steps (kernel `setUpSubgraph`) without a process of its
 * own, which on a loaded 2-core machine is most of the cost. For tests that load the demo data only to measure on
 * it; tests about `npm start` itself keep loading it through the subgraphs' compiled setup.
 */
export async function loadDemoDataInProcess(databaseUrl: string): Promise<void> {
  const options = { demo: true, databaseUrl };
  await setUpSubgraph(registry, loadRegistryDemoData, options);
  await Promise.all([
    setUpSubgraph(hebei, (em) => loadLibraryDemoData(em, hebeiLibrary), options),
    setUpSubgraph(taiyuan, loadTaiyuanDemoData, options),
    setUpSubgraph(shandong, (em) => loadPlatformDemoData(em, shandongProgramme, shandongDemoPlan), options),
    setUpSubgraph(ningxia, (em) => loadPlatformDemoData(em, ningxiaProgramme, ningxiaDemoPlan), options),
  ]);
  // last, so that it also takes in the recommendations Taiyuan made to the province
  await setUpSubgraph(shanxi, (em) => loadLibraryDemoData(em, shanxiLibrary), options);
  await provinceDecidesDemoRecommendations(databaseUrl);
}

/** A database holding the demo data set as `loadDemoDataInProcess` loads it: loaded once in the run, copied for each file. */
export const demoDatabaseInProcess = (): Promise<string> => databaseWithLoaded('demo_in_process', loadDemoDataInProcess);
