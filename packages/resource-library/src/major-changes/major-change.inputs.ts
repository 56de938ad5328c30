import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import { MajorChangeKind } from './major-change.entity';

@InputType('ReportLibraryMajorChangeInput', { description: '报告重大变化（第十一条）/ Report a major change (Art. 11)' })
export class ReportMajorChangeInput {
  @Field(() => ID, { description: '入库机构 / Membership' })
  memberId: string;

  @Field(() => MajorChangeKind, { description: '变化类型（更名、合并、重组、迁移等）/ Kind (rename, merger, restructuring, relocation …)' })
  kind: MajorChangeKind;

  @Field(() => DateScalar, { description: '变化发生日期 / Date of the change' })
  changedOn: string;

  @Field({ description: '重大变化情况（重大变化情况报告表）/ What changed (the major-change report form)' })
  description: string;
}

@InputType('VerifyLibraryMajorChangeInput', { description: '市级核实重大变化（第十一条）/ The city verifies a major change (Art. 11)' })
export class VerifyMajorChangeInput {
  @Field(() => ID, { description: '重大变化报告 / Major change report' })
  changeId: string;

  @Field({ description: '是否仍符合入库条件 / Whether the member still meets the conditions' })
  stillQualifies: boolean;

  @Field(() => String, { nullable: true, description: '核实意见（不再符合时必填）/ Note (required when it no longer qualifies)' })
  note?: string | null;
}
