import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';

@InputType('PlatformInspectionInput', { description: '记录市级检查 / Record a city inspection' })
export class InspectionInput {
  @Field(() => ID) designationId: string;
  @Field(() => DateScalar, { nullable: true, description: '检查日期（默认今天）/ Date inspected (default today)' }) inspectedOn?: string | null;
  @Field() findings: string;
  @Field() passed: boolean;
  @Field({ defaultValue: false, description: '不合格时向省级提出撤销申请（鲁 第二十五条）/ Ask the province to revoke (failed inspections only)' }) requestRevocation: boolean;
}

export enum RevocationRequestDecision {
  UPHOLD = 'UPHOLD',
  DISMISS = 'DISMISS',
}

registerEnumType(RevocationRequestDecision, {
  name: 'PlatformRevocationRequestDecision',
  description: '撤销申请的处理 / Decision on a revocation request',
  valuesConfig: {
    UPHOLD: { description: '经查实，撤销称号 / Established: revoke' },
    DISMISS: { description: '未查实，不予撤销 / Not established: dismiss' },
  },
});

@InputType('PlatformRevocationRequestDecisionInput', { description: '处理市级撤销申请 / Decide a city’s revocation request' })
export class DecideRevocationRequestInput {
  @Field(() => ID) inspectionId: string;
  @Field(() => RevocationRequestDecision) decision: RevocationRequestDecision;
  @Field() reason: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
