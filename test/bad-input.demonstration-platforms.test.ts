import { badInputSuite } from './support/bad-input-runner';

/**
 * Bad input (SPEC §2 Errors) for every mutation of the demonstration platforms of Shandong and Ningxia (SPEC §4):
 * as in bad-input.registry-and-taiyuan.test.ts, each mutation on a record prepared by its authorization-matrix
 * case, every one-bad-leaf variant through the gateway, refused with a SPEC §2 code, changing nothing.
 */
badInputSuite(['shandong', 'ningxia']);
