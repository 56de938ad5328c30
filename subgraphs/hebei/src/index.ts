// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { serveSubgraph } from '@sme/kernel';
import { hebei } from './server';

serveSubgraph(hebei, Number(process.env.PORT ?? 4003));
