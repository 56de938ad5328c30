import { setupSubgraph } from '@sme/kernel';
import { registry } from './server';
import { loadDemoData } from './demo-data';

/** `npm start` runs this once before serving: migrations, then demo data (`--demo`), its events relayed. */
setupSubgraph(registry, loadDemoData);
