// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { serveSubgraph } from '@sme/kernel';
import { ningxia } from './server';

serveSubgraph(ningxia, Number(process.env.PORT ?? 4006));
