// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { serveSubgraph } from '@sme/kernel';
import { shanxi } from './server';

serveSubgraph(shanxi, Number(process.env.PORT ?? 4002));
