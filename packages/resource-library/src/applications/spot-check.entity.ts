import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/** 第八条（三）视情况实地抽查: the province's on-site spot check, recorded during its review. */
@Entity({ tableName: 'spot_checks' })
@Index({ properties: ['applicationId'] })
@Directive('@shareable')
@ObjectType('LibrarySpotCheck', { description: '实地抽查记录（第八条（三））/ On-site spot check (Art. 8(3))' })
export class SpotCheck {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  applicationId: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '抽查日期 / Date of the visit' })
  checkedOn: string;

  @Property({ type: 'text' })
  @Field({ description: '抽查人员 / Inspectors' })
  inspectors: string;

  @Property({ type: 'text' })
  @Field({ description: '抽查情况 / Findings' })
  findings: string;

  @Property({ type: 'boolean' })
  @Field({ description: '情况属实 / Whether the materials matched what was found' })
  passed: boolean;

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();
}
