import { badInputSuite } from './support/bad-input-runner';

/**
 * Bad input (SPEC §2 Errors) for every mutation of the registry, Taiyuan's flow and Shanxi's provincial review:
 * each mutation, on a real record prepared by its authorization-matrix case (test/authorization), is sent every
 * variant of its valid variables with exactly one bad leaf (test/support/bad-values.ts) through the gateway, as
 * ADMIN. Each must be refused with a SPEC §2 code and a bilingual message, never HTTP 5xx or a stack trace, and
 * the owning subgraph's tables must be exactly as before all of them.
 */
badInputSuite(['registry', 'taiyuan', 'shanxi-provincial']);
