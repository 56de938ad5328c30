import { serveSubgraph } from '@sme/kernel';
import { ningxia } from './server';

serveSubgraph(ningxia, Number(process.env.PORT ?? 4006));
