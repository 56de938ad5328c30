import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@sme/kernel';

@InputType('FileLibraryQuarterlyReportInput', { description: '报送本周期服务情况（第十条）/ File a period’s service report (Art. 10)' })
export class FileQuarterlyReportInput {
  @Field(() => ID, { description: '入库机构 / Membership' })
  memberId: string;

  @Field(() => DateScalar, { description: '本周期截止日（3月15日、6月15日、9月15日或12月15日）/ The period’s due date (3/15, 6/15, 9/15 or 12/15)' })
  dueOn: string;

  @Field(() => Int, { description: '本周期服务企业数 / Enterprises served in the period' })
  enterprisesServed: number;

  @Field(() => Int, { description: '本周期公益性服务活动数 / Public-welfare activities in the period' })
  publicWelfareActivities: number;

  @Field({ description: '服务情况 / Summary of the services' })
  summary: string;
}
