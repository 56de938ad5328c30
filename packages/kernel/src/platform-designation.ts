import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from './scalars';
import { addDays, addYears } from './dates';

/**
 * A demonstration-platform designation as clients read it (SPEC §6 PlatformDesignation): the Shanxi
 * provincial platforms (from Taiyuan's recommendations), Shandong's and Ningxia's, all in this one shape.
 */
export enum PlatformDesignationStatus {
  DESIGNATED = 'DESIGNATED',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(PlatformDesignationStatus, {
  name: 'PlatformDesignationStatus',
  description: '示范平台认定状态 / Designation status',
  valuesConfig: {
    DESIGNATED: { description: '有效期内 / Designated and valid' },
    EXPIRED: { description: '已过有效期 / Expired (after validUntil)' },
    REVOKED: { description: '已撤销 / Revoked' },
  },
});

@Directive('@shareable')
@ObjectType({ description: '示范平台认定 / Demonstration-platform designation' })
export class PlatformDesignation {
  @Field({ description: '认定标识 / Designation id' })
  id: string;

  @Field({ description: '认定名称（如 山西省中小企业公共服务示范平台）/ Title of the designation' })
  title: string;

  @Field(() => PlatformDesignationStatus, { description: '状态（按查询日计算）/ Status (as of today)' })
  status: PlatformDesignationStatus;

  @Field(() => DateScalar, { description: '认定日期 / Date designated' })
  designatedOn: string;

  @Field(() => DateScalar, { description: '有效期至（含当日）/ Valid through this date' })
  validUntil: string;

  @Field(() => DateScalar, { nullable: true, description: '撤销日期 / Date revoked' })
  revokedOn: string | null;

  @Field(() => String, { nullable: true, description: '撤销理由 / Reason for revocation' })
  revocationReason: string | null;
}

/** DESIGNATED through `validUntil`, EXPIRED from the next day, REVOKED from the day of revocation. */
export function designationStatus(d: { validUntil: string; revokedOn: string | null }, today: string): PlatformDesignationStatus {
  if (d.revokedOn !== null && d.revokedOn <= today) return PlatformDesignationStatus.REVOKED;
  return today > d.validUntil ? PlatformDesignationStatus.EXPIRED : PlatformDesignationStatus.DESIGNATED;
}

/**
 * 每次认定有效期为 N 年, counting the day of designation (并工信字〔2023〕26号 二.3, 鲁 第二十三条, 宁 第十七条):
 * designated on 2023-06-01 for 3 years, valid through 2026-05-31 (the day before the anniversary; a 29 February
 * designation ends the day before the clamped 28 February).
 */
export const designationValidUntil = (designatedOn: string, years: number): string => addDays(addYears(designatedOn, years), -1);

/** A programme's designation record in the shape every programme shares, its status as of `today`. */
export function platformDesignationOf(
  d: { id: string; designatedOn: string; validUntil: string; revokedOn: string | null; revocationReason: string | null },
  title: string,
  today: string,
): PlatformDesignation {
  return {
    id: d.id, title, status: designationStatus(d, today), designatedOn: d.designatedOn, validUntil: d.validUntil,
    revokedOn: d.revokedOn, revocationReason: d.revocationReason,
  };
}
