import { Field, ID, InputType, Int } from 'type-graphql';
import { ReviewAction } from '@sme/kernel';
import { PlatformFunction } from '../graphql-enums';
import { PlatformApplicationStatus, PlatformDecision, PlatformReviewStep } from './application-status';
import { DeclaredFiguresInput, FunctionDeclarationInput, PriorRecognitionInput } from './declaration';
import { CityAssessmentInput, PanelMemberInput } from './review-records';
import { DateScalar } from '@sme/kernel';

@InputType('CreatePlatformApplicationInput', { description: '新建示范平台申报草稿 / Start an application' })
export class CreateApplicationInput {
  @Field(() => ID, { description: '申报机构 / Institution' }) institutionId: string;
  @Field(() => DeclaredFiguresInput) declared: DeclaredFiguresInput;
  @Field(() => [FunctionDeclarationInput], { description: '申报的服务功能 / Functions declared' }) functions: FunctionDeclarationInput[];
  @Field(() => [PriorRecognitionInput], { description: '已获认定（鲁 第十四条（四））/ Prior recognitions', defaultValue: [] }) priorRecognitions: PriorRecognitionInput[];
  @Field({ description: '联系人 / Contact person' }) contactPerson: string;
  @Field({ description: '联系电话 / Contact phone' }) contactPhone: string;
}

@InputType('UpdatePlatformApplicationInput', { description: '修改草稿或退回的申报（未填的保持不变）/ Edit a draft or returned application (omitted fields unchanged)' })
export class UpdateApplicationInput {
  @Field(() => DeclaredFiguresInput, { nullable: true }) declared?: DeclaredFiguresInput | null;
  @Field(() => [FunctionDeclarationInput], { nullable: true }) functions?: FunctionDeclarationInput[] | null;
  @Field(() => [PriorRecognitionInput], { nullable: true }) priorRecognitions?: PriorRecognitionInput[] | null;
  @Field(() => String, { nullable: true }) contactPerson?: string | null;
  @Field(() => String, { nullable: true }) contactPhone?: string | null;
  @Field(() => Int, { nullable: true, description: '期望的当前版本号 / Expected current version' }) expectedVersion?: number | null;
}

@InputType('PlatformReviewInput', { description: '市级或省级审核：通过、驳回或退回 / Review at the waiting step' })
export class ReviewInput {
  @Field(() => ID) applicationId: string;
  @Field(() => PlatformReviewStep, { description: '审核环节（须与申报所处环节一致）/ The step acted at (must be the one waiting)' }) step: PlatformReviewStep;
  @Field(() => ReviewAction) action: ReviewAction;
  @Field(() => String, { nullable: true, description: '理由（驳回、退回必填）/ Reason (required to reject or return)' }) reason?: string | null;
  @Field(() => CityAssessmentInput, { nullable: true, description: '市级测评（市级推荐时必填）/ The city’s assessment (required when the city recommends)' }) assessment?: CityAssessmentInput | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('PlatformExpertReviewInput', { description: '记录专家评审 / Record the expert review' })
export class ExpertReviewInput {
  @Field(() => ID) applicationId: string;
  @Field(() => [PanelMemberInput]) panel: PanelMemberInput[];
  @Field() opinion: string;
  @Field(() => Int, { nullable: true }) score?: number | null;
  @Field() recommended: boolean;
  @Field(() => DateScalar, { nullable: true, description: '评审日期（默认今天）/ Date reviewed (default today)' }) reviewedOn?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('PlatformOnSiteVisitInput', { description: '记录实地考察 / Record the on-site visit' })
export class OnSiteVisitInput {
  @Field(() => ID) applicationId: string;
  @Field(() => DateScalar, { nullable: true, description: '考察日期（默认今天）/ Date visited (default today)' }) visitedOn?: string | null;
  @Field() visitors: string;
  @Field() findings: string;
  @Field() confirmed: boolean;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('PlatformDecisionInput', { description: '公示期满后的决定 / The decision after the notice' })
export class DecisionInput {
  @Field(() => ID) applicationId: string;
  @Field(() => PlatformDecision) decision: PlatformDecision;
  @Field(() => String, { nullable: true, description: '理由（不予认定必填）/ Reason (required to reject)' }) reason?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType('PlatformApplicationFilter', { description: '申报筛选 / Application filter' })
export class ApplicationFilter {
  @Field(() => PlatformApplicationStatus, { nullable: true }) status?: PlatformApplicationStatus | null;
  @Field(() => String, { nullable: true, description: '市 / City code' }) cityCode?: string | null;
  @Field(() => Int, { nullable: true, description: '申报年度 / Campaign year' }) campaignYear?: number | null;
  @Field(() => PlatformFunction, { nullable: true, description: '申报了该功能 / Declares this function' }) function?: PlatformFunction | null;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
}
