import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ApplicationReportInput } from './application-report';
import { TaiyuanApplicationStatus, TaiyuanStep } from './application-status';
import { SurveyEntryInput, SurveyMethod } from '../county-recommendations/survey';
import { ExpertInput } from '../expert-reviews/expert-review.entity';
import { DateScalar } from '@sme/kernel';

@InputType('CreateTaiyuanApplicationInput', { description: '新建市级示范平台申请（草稿）/ Start an application (draft)' })
export class CreateApplicationInput {
  @Field(() => ID) institutionId: string;
  @Field(() => Int, { description: '申报年度 / Campaign year' }) campaignYear: number;
  @Field(() => ApplicationReportInput, { nullable: true, description: '申请报告（附件2），可分次填写 / The report (Form 2), filled over several sittings' }) report?: ApplicationReportInput | null;
}

@InputType('UpdateTaiyuanApplicationInput')
export class UpdateApplicationInput {
  @Field(() => ApplicationReportInput) report: ApplicationReportInput;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('RecommendTaiyuanApplicationInput', { description: '县（市、区）、开发区推荐（附件1）/ The county’s recommendation (Form 1)' })
export class RecommendInput {
  @Field(() => ID) applicationId: string;
  @Field(() => [SurveyMethod], { description: '测评方法 / Survey methods' }) methods: SurveyMethod[];
  @Field(() => [SurveyEntryInput], { description: '随机抽取的服务企业，不少于 10 家 / Randomly sampled served enterprises, at least 10' }) survey: SurveyEntryInput[];
  @Field({ description: '对区域中小企业发展的影响和作用 / Impact on the region’s SMEs' }) impactStatement: string;
  @Field({ description: '推荐意见 / Recommendation opinion' }) opinion: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

export enum DeclineAction {
  REJECT = 'REJECT',
  RETURN = 'RETURN',
}
registerEnumType(DeclineAction, {
  name: 'TaiyuanDeclineAction',
  valuesConfig: { REJECT: { description: '不予推荐或不予认定（终结）/ Reject (final)' }, RETURN: { description: '退回修改 / Return for revision' } },
});

@InputType('DeclineTaiyuanApplicationInput', { description: '不予推荐（认定）或退回修改 / Reject or return for revision' })
export class DeclineInput {
  @Field(() => ID) applicationId: string;
  @Field(() => TaiyuanStep, { description: '审核环节（须为申请当前所在环节）/ The step (must be where the application waits)' }) step: TaiyuanStep;
  @Field(() => DeclineAction) action: DeclineAction;
  @Field({ description: '理由或需修改之处 / Reason, or what to fix' }) reason: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('RecordTaiyuanExpertReviewInput', { description: '专家组评审意见 / The expert panel’s review' })
export class ExpertReviewInput {
  @Field(() => ID) applicationId: string;
  @Field(() => [ExpertInput]) panel: ExpertInput[];
  @Field() opinion: string;
  @Field() recommendsDesignation: boolean;
  @Field(() => DateScalar, { nullable: true, description: '评审日期（默认今天）/ Date of the review (default today)' }) reviewedOn?: string | null;
}

@InputType('TaiyuanApplicationFilter')
export class ApplicationFilter {
  @Field(() => Int, { nullable: true }) campaignYear?: number | null;
  @Field(() => TaiyuanApplicationStatus, { nullable: true }) status?: TaiyuanApplicationStatus | null;
  @Field(() => String, { nullable: true, description: '县（市、区）或开发区 / County or zone' }) regionCode?: string | null;
}
