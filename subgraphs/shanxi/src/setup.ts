import { setupSubgraph } from '@sme/kernel';
import { loadLibraryDemoData } from '@sme/resource-library';
import { shanxi } from './server';
import { shanxiLibrary } from './library-config';

/** `npm start` runs this once before serving: migrations, the registry's events so far, then demo data (`--demo`). */
setupSubgraph(shanxi, (em) => loadLibraryDemoData(em, shanxiLibrary));
