import type { RequestContext } from '@sme/kernel';
import type { Loaders } from './loaders';

export type Context = RequestContext<Loaders>;
