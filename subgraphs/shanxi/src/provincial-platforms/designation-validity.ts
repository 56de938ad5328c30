import { designationValidUntil, platformDesignationOf, type PlatformDesignation } from '@sme/kernel';
import type { ProvincialDesignation } from './provincial-designation.entity';
import { PROVINCIAL_PLATFORM_RULES, type ProvincialPlatformRules } from './provincial-platform-rules';

/** 二.3 每次认定有效期为三年, counting the day of designation (kernel designationValidUntil). */
export function validUntilFor(designatedOn: string, rules: ProvincialPlatformRules = PROVINCIAL_PLATFORM_RULES): string {
  return designationValidUntil(designatedOn, rules.validityYears);
}

/** A provincial designation in the shape every programme shares (SPEC §6 PlatformDesignation), its status as of `today`. */
export function asPlatformDesignation(designation: ProvincialDesignation, today: string, rules: ProvincialPlatformRules = PROVINCIAL_PLATFORM_RULES): PlatformDesignation {
  return platformDesignationOf(designation, rules.designationTitle, today);
}
