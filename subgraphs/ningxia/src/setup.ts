import { setupSubgraph } from '@sme/kernel';
import { loadPlatformDemoData } from '@sme/demonstration-platform';
import { ningxia } from './server';
import { ningxiaProgramme } from './programme';
import { ningxiaDemoPlan } from './demo-plan';

/** `npm start` runs this once before serving: migrations, the registry's events so far, then demo data (`--demo`). */
setupSubgraph(ningxia, (em) => loadPlatformDemoData(em, ningxiaProgramme, ningxiaDemoPlan));
