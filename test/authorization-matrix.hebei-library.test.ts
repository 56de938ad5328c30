import { hebeiLibrary } from '../subgraphs/hebei/src/library-config';
import { describeLibraryMatrix } from './authorization/resource-library.matrix';

/** The authorization matrix over Hebei's resource library (seed 001), service appointments included; Shanxi's runs in its own file. */
describeLibraryMatrix(hebeiLibrary);
