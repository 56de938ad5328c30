import { registryMirrorHandlers, type EventHandler } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { removeForCreditRecord } from '../members/credit-removal';

/**
 * How a library learns the registry's facts: the kernel's registry mirror in the library's schema, plus
 * 第十二条 — a credit record removes a member directly, in the same transaction.
 */
export function registryEventHandlers(config: LibraryConfig): Record<string, EventHandler> {
  return registryMirrorHandlers(config.name, { creditRecordAdded: (em, record) => removeForCreditRecord(em, config, record) });
}
