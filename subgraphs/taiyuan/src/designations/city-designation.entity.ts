import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * 太原市市级中小企业公共服务示范平台 (一.2: 认定有效期为3年): valid from the day of designation through the day
 * before its third anniversary. Read as the kernel's PlatformDesignation.
 */
@Entity({ tableName: 'city_designations' })
@Index({ properties: ['institutionId', 'designatedOn'] })
export class CityDesignation {
  [OptionalProps]?: 'revokedOn' | 'revocationReason' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  institutionId: string;

  /** Null for a designation recorded from before this system (e.g. one made in 2020). */
  @Property({ type: 'uuid', nullable: true, unique: true })
  applicationId: string | null;

  @Property({ type: 'integer' })
  campaignYear: number;

  @Property({ type: 'string', columnType: 'date' })
  designatedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  validUntil: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  revokedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  revocationReason: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

export const CITY_PLATFORM_TITLE = '太原市市级中小企业公共服务示范平台';
