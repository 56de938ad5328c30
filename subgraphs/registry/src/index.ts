import { serveSubgraph } from '@sme/kernel';
import { registry } from './server';

serveSubgraph(registry, Number(process.env.PORT ?? 4001));
