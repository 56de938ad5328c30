import { serveSubgraph } from '@sme/kernel';
import { shanxi } from './server';

serveSubgraph(shanxi, Number(process.env.PORT ?? 4002));
