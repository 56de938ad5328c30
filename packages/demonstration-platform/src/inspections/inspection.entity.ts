import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '@sme/kernel';

/** A revocation request after a failed inspection (鲁 第二十五条: 向省工业和信息化厅提出撤销申请，经查实后撤销). */
export enum RevocationRequestStatus {
  PENDING = 'PENDING',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}

registerEnumType(RevocationRequestStatus, {
  name: 'PlatformRevocationRequestStatus',
  description: '撤销申请状态 / Revocation request status',
  valuesConfig: {
    PENDING: { description: '待省级查实 / Awaiting the province' },
    UPHELD: { description: '经查实，已撤销 / Established: revoked' },
    DISMISSED: { description: '未查实，不予撤销 / Not established: dismissed' },
  },
});

/**
 * 市级检查 (鲁 第二十五条, 宁 第十八条): the city checks a platform's service quality, fees, satisfaction (and, in
 * Shandong, the tasks done for government); a failed inspection may carry a revocation request to the province.
 * Restricted: findings are the authorities' working papers.
 */
@Entity({ tableName: 'inspections' })
@Directive('@shareable')
@ObjectType('PlatformInspection', { description: '市级检查 / City inspection of a platform' })
export class Inspection {
  [OptionalProps]?: 'recordedAt' | 'version' | 'requestStatus' | 'requestDecidedOn' | 'requestDecisionReason';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: '检查标识 / Inspection id' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: '被检查的示范平台 / Designation inspected' })
  designationId: string;

  @Property({ type: 'text' })
  @Field({ description: '检查的市 / Inspecting city' })
  cityCode: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar, { description: '检查日期 / Date inspected' })
  inspectedOn: string;

  @Property({ type: 'text' })
  @Field({ description: '检查情况 / Findings' })
  findings: string;

  @Property({ type: 'boolean' })
  @Field({ description: '是否合格 / Passed' })
  passed: boolean;

  @Enum({ items: () => RevocationRequestStatus, nullable: true })
  @Field(() => RevocationRequestStatus, { nullable: true, description: '撤销申请（不合格时可提出）/ Revocation request, if one was made' })
  requestStatus: RevocationRequestStatus | null = null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤销申请处理日期 / Date the request was decided' })
  requestDecidedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '处理理由 / Reason for the decision' })
  requestDecisionReason: string | null = null;

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号（并发控制）/ Version, for optimistic concurrency' })
  version: number = 1;
}
