import { serveSubgraph } from '@sme/kernel';
import { hebei } from './server';

serveSubgraph(hebei, Number(process.env.PORT ?? 4003));
