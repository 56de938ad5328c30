import { serveSubgraph } from '@sme/kernel';
import { taiyuan } from './server';

serveSubgraph(taiyuan, Number(process.env.PORT ?? 4004));
