import { setupSubgraph } from '@sme/kernel';
import { loadLibraryDemoData } from '@sme/resource-library';
import { hebei } from './server';
import { hebeiLibrary } from './library-config';

/** `npm start` runs this once before serving: migrations, the registry's events so far, then demo data (`--demo`). */
setupSubgraph(hebei, (em) => loadLibraryDemoData(em, hebeiLibrary));
