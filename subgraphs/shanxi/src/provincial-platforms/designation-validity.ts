import { PlatformDesignation, addDays, addYears, designationStatus } from '@sme/kernel';
import type { ProvincialDesignation } from './provincial-designation.entity';
import { PROVINCIAL_PLATFORM_RULES, type ProvincialPlatformRules } from './provincial-platform-rules';

/**
 * 二.3 每次认定有效期为三年, counting the day of designation: designated on 2023-06-01, valid through 2026-05-31
 * (the day before the third anniversary; a 29 February designation ends the day before the clamped 28 February).
 */
export function validUntilFor(designatedOn: string, rules: ProvincialPlatformRules = PROVINCIAL_PLATFORM_RULES): string {
  return addDays(addYears(designatedOn, rules.validityYears), -1);
}

/** A provincial designation in the shape every programme shares (SPEC §6 PlatformDesignation), its status as of `today`. */
export function asPlatformDesignation(designation: ProvincialDesignation, today: string, rules: ProvincialPlatformRules = PROVINCIAL_PLATFORM_RULES): PlatformDesignation {
  return {
    id: designation.id,
    title: rules.designationTitle,
    status: designationStatus(designation, today),
    designatedOn: designation.designatedOn,
    validUntil: designation.validUntil,
    revokedOn: designation.revokedOn,
    revocationReason: designation.revocationReason,
  };
}
