import { setupSubgraph } from '@sme/kernel';
import { taiyuan } from './server';
import { loadDemoData } from './demo-data';

/** `npm start` runs this once before serving: migrations, the registry's events so far, then demo data (`--demo`). */
setupSubgraph(taiyuan, loadDemoData);
