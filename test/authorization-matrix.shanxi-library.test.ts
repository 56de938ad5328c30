import { shanxiLibrary } from '../subgraphs/shanxi/src/library-config';
import { describeLibraryMatrix } from './authorization/resource-library.matrix';

/** The authorization matrix over Shanxi's resource library (seed 000); Hebei's runs in its own file, on its own supergraph. */
describeLibraryMatrix(shanxiLibrary);
