import { setupSubgraph } from '@sme/kernel';
import { loadPlatformDemoData } from '@sme/demonstration-platform';
import { shandong } from './server';
import { shandongProgramme } from './programme';
import { shandongDemoPlan } from './demo-plan';

/** `npm start` runs this once before serving: migrations, the registry's events so far, then demo data (`--demo`). */
setupSubgraph(shandong, (em) => loadPlatformDemoData(em, shandongProgramme, shandongDemoPlan));
