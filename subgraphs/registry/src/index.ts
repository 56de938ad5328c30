// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { serveSubgraph } from '@sme/kernel';
import { registry } from './server';

serveSubgraph(registry, Number(process.env.PORT ?? 4001));
