import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, PlatformDesignationStatus } from '@sme/kernel';
import { ProvincialDecision, ProvincialReviewStatus } from './provincial-review-status';

@InputType('ShanxiProvincialExpertInput', { description: '评审专家 / Member of the expert panel' })
export class PanelMemberInput {
  @Field({ description: '专家姓名 / Name' }) name: string;
  @Field({ description: '职务/职称 / Position or professional title' }) title: string;
  @Field({ description: '工作单位 / Organisation' }) organisation: string;
}

@InputType('RecordShanxiProvincialExpertReviewInput', { description: '录入省级专家组评审意见 / Record the expert panel’s opinion' })
export class ExpertReviewInput {
  @Field(() => ID, { description: '审核标识 / Review id' }) reviewId: string;
  @Field(() => [PanelMemberInput], { description: '专家组成员（1 到 30 人）/ Panel members (1 to 30)' }) panel: PanelMemberInput[];
  @Field({ description: '专家组评审意见 / The panel’s opinion' }) opinion: string;
  @Field({ description: '是否建议认定 / Whether the panel recommends designation' }) recommended: boolean;
  @Field(() => DateScalar, { nullable: true, description: '评审日期（默认今天，不得晚于今天）/ Date of the review (default today; not in the future)' }) reviewedOn?: string | null;
  @Field(() => Int, { nullable: true, description: '读取时的版本号 / Version read' }) expectedVersion?: number | null;
}

@InputType('StartShanxiProvincialNoticeInput', { description: '发布省级示范平台认定公示（五个工作日）/ Publish the 5-working-day notice' })
export class StartNoticeInput {
  @Field(() => ID, { description: '审核标识 / Review id' }) reviewId: string;
  @Field(() => DateScalar, { nullable: true, description: '公示发布日期（默认今天，不得晚于今天；不计入五个工作日）/ Publication date (default today; not in the future; not counted)' }) startsOn?: string | null;
  @Field(() => Int, { nullable: true, description: '读取时的版本号 / Version read' }) expectedVersion?: number | null;
}

@InputType('DecideShanxiProvincialPlatformInput', { description: '省级认定决定（终局，不设退回）/ The provincial decision (final; no return for revision)' })
export class DecisionInput {
  @Field(() => ID, { description: '审核标识 / Review id' }) reviewId: string;
  @Field(() => ProvincialDecision, { description: '认定或不予认定 / Designate or reject' }) decision: ProvincialDecision;
  @Field(() => String, { nullable: true, description: '理由（不予认定时必填）/ Reason (required to reject)' }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: '读取时的版本号 / Version read' }) expectedVersion?: number | null;
}

@InputType('ShanxiProvincialReviewFilter', { description: '省级审核筛选 / Provincial review filter' })
export class ReviewFilter {
  @Field(() => ProvincialReviewStatus, { nullable: true, description: '状态 / Status' }) status?: ProvincialReviewStatus | null;
}

@InputType('ShanxiProvincialPlatformFilter', { description: '省级示范平台筛选 / Provincial platform filter' })
export class DesignationFilter {
  @Field(() => PlatformDesignationStatus, { nullable: true, description: '状态（按今天计算）/ Status (as of today)' }) status?: PlatformDesignationStatus | null;
}
