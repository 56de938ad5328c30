import type { RequestContext } from '@sme/kernel';
import type { LibraryLoaders } from './loaders';

export type LibraryContext = RequestContext<LibraryLoaders>;
