// first: tracing, when on, instruments node's http module before anything loads it
import '@sme/kernel/start-tracing';
import { serveSubgraph } from '@sme/kernel';
import { taiyuan } from './server';

serveSubgraph(taiyuan, Number(process.env.PORT ?? 4004));
