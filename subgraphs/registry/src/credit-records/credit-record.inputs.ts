import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import { CreditRecordKind } from './credit-record-kind';

@InputType({ description: '新增信用记录 / Add a credit record' })
export class AddCreditRecordInput {
  @Field(() => ID, { description: '机构标识 / Institution id' })
  institutionId: string;

  @Field(() => CreditRecordKind, { description: '类型 / Kind' })
  kind: CreditRecordKind;

  @Field(() => DateScalar, { description: '列入日期 / Listed on' })
  listedOn: string;

  @Field({ description: '来源（如 信用中国）/ Source (e.g. Credit China)' })
  source: string;

  @Field(() => String, { nullable: true, description: '说明 / Note' })
  note?: string | null;
}

@InputType({ description: '移出信用记录（信用修复）/ Clear a credit record (removed from the list)' })
export class ClearCreditRecordInput {
  @Field(() => ID, { description: '记录标识 / Record id' })
  id: string;

  @Field(() => DateScalar, { description: '移出日期 / Removed on' })
  removedOn: string;

  @Field({ description: '理由 / Reason' })
  reason: string;
}
