import { chinaToday, designationStatus, type PlatformDesignation } from '@sme/kernel';
import { CITY_PLATFORM_TITLE, type CityDesignation } from './city-designation.entity';

/** A city designation as the shared PlatformDesignation (SPEC §6), its status as of today. */
export const designationView = (d: CityDesignation, today = chinaToday()): PlatformDesignation => ({
  id: d.id, title: CITY_PLATFORM_TITLE, status: designationStatus(d, today), designatedOn: d.designatedOn, validUntil: d.validUntil,
  revokedOn: d.revokedOn, revocationReason: d.revocationReason,
});
