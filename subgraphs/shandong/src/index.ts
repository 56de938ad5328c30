import { serveSubgraph } from '@sme/kernel';
import { shandong } from './server';

serveSubgraph(shandong, Number(process.env.PORT ?? 4005));
