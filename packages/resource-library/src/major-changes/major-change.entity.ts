import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

export enum MajorChangeKind {
  RENAME = 'RENAME',
  MERGER = 'MERGER',
  RESTRUCTURING = 'RESTRUCTURING',
  RELOCATION = 'RELOCATION',
  OTHER = 'OTHER',
}
registerEnumType(MajorChangeKind, {
  name: 'LibraryMajorChangeKind',
  description: '重大变化类型（第十一条）/ Kind of major change (Art. 11)',
  valuesConfig: {
    RENAME: { description: '更名 / Rename' },
    MERGER: { description: '合并 / Merger' },
    RESTRUCTURING: { description: '重组 / Restructuring' },
    RELOCATION: { description: '迁移 / Relocation' },
    OTHER: { description: '其他与入库条件有关的重大变化 / Other change bearing on the conditions' },
  },
});

export enum MajorChangeVerification {
  PENDING = 'PENDING',
  STILL_QUALIFIES = 'STILL_QUALIFIES',
  NO_LONGER_QUALIFIES = 'NO_LONGER_QUALIFIES',
}
registerEnumType(MajorChangeVerification, {
  name: 'LibraryMajorChangeVerification',
  description: '市级核实结论（第十一条）/ The city’s verification (Art. 11)',
  valuesConfig: {
    PENDING: { description: '待核实 / Pending' },
    STILL_QUALIFIES: { description: '仍符合入库条件 / Still qualifies' },
    NO_LONGER_QUALIFIES: { description: '不再符合入库条件，报省级决定移出（第十一条）/ No longer qualifies: reported to the province, which removes by decision (Art. 11)' },
  },
});

/** 第十一条: reported within 3 months of the change; the city verifies; a member that no longer qualifies is removed. */
@Entity({ tableName: 'major_changes' })
@Index({ properties: ['memberId'] })
@Directive('@shareable')
@ObjectType('LibraryMajorChange', { description: '重大变化报告（第十一条）/ Major change report (Art. 11)' })
export class MajorChange {
  [OptionalProps]?: 'verification' | 'verifiedOn' | 'verificationNote' | 'recordedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '标识 / Id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  memberId: string;

  @Enum({ items: () => MajorChangeKind })
  @Field(() => MajorChangeKind, { description: '类型 / Kind' })
  kind: MajorChangeKind;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '变化发生日期 / Date of the change' })
  changedOn: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '报告截止日（变化后 3 个月）/ Report due by (3 months after the change)' })
  dueBy: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '报告日期 / Date reported' })
  reportedOn: string;

  @Property({ type: 'boolean' })
  @Field({ description: '逾期报告 / Reported after the deadline' })
  late: boolean;

  @Property({ type: 'text' })
  @Field({ description: '变化情况 / Description' })
  description: string;

  @Enum({ items: () => MajorChangeVerification })
  @Field(() => MajorChangeVerification, { description: '市级核实 / Verification' })
  verification: MajorChangeVerification = MajorChangeVerification.PENDING;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '核实日期 / Date verified' })
  verifiedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '核实意见 / Verification note' })
  verificationNote: string | null = null;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  /** Of two callers changing it at once, the second gets CONFLICT (its UPDATE checks the version it read). */
  @Property({ type: 'integer', version: true })
  version: number = 1;
}
