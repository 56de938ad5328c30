import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import { AssessmentItem } from '../graphql-enums';

/**
 * What the reviewers record on an application (restricted): the city's assessment with its recommendation
 * (鲁 第十八条, 宁 第十条), the provincial expert review and on-site visit (宁 第十二条). Stored as JSON on the
 * application, each written once by the step that owns it.
 */

@Directive('@shareable')
@ObjectType('PlatformAssessmentFinding', { description: '测评结论（一项）/ One finding of the city’s assessment' })
export class AssessmentFinding {
  @Field(() => AssessmentItem, { description: '测评项目 / Item' }) item: AssessmentItem;
  @Field({ description: '测评情况 / Finding' }) finding: string;
}

@InputType('PlatformAssessmentFindingInput')
export class AssessmentFindingInput {
  @Field(() => AssessmentItem) item: AssessmentItem;
  @Field() finding: string;
}

@Directive('@shareable')
@ObjectType('PlatformCityAssessment', { description: '市级测评及推荐意见（推荐表）/ The city’s assessment and recommendation (recommendation form)' })
export class CityAssessment {
  @Field(() => [AssessmentFinding], { description: '测评情况 / Findings' }) findings: AssessmentFinding[];
  @Field({ description: '推荐意见 / Recommendation opinion' }) opinion: string;
  @Field(() => DateScalar, { description: '推荐日期 / Date recommended' }) recommendedOn: string;
}

@InputType('PlatformCityAssessmentInput', { description: '市级测评（推荐时必填）/ The city’s assessment (required to recommend)' })
export class CityAssessmentInput {
  @Field(() => [AssessmentFindingInput]) findings: AssessmentFindingInput[];
  @Field() opinion: string;
}

@Directive('@shareable')
@ObjectType('PlatformPanelMember', { description: '评审专家 / Panel member' })
export class PanelMember {
  @Field({ description: '姓名 / Name' }) name: string;
  @Field({ description: '职务或职称 / Title' }) title: string;
  @Field({ description: '工作单位 / Organisation' }) organisation: string;
}

@InputType('PlatformPanelMemberInput')
export class PanelMemberInput {
  @Field() name: string;
  @Field() title: string;
  @Field() organisation: string;
}

@Directive('@shareable')
@ObjectType('PlatformExpertReview', { description: '省级专家评审 / Provincial expert review' })
export class ExpertReview {
  @Field(() => [PanelMember], { description: '专家组 / Panel' }) panel: PanelMember[];
  @Field({ description: '评审意见 / Opinion' }) opinion: string;
  @Field(() => Int, { nullable: true, description: '评分（百分制，可选）/ Score out of 100 (optional)' }) score: number | null;
  @Field({ description: '是否建议认定 / Recommends designation' }) recommended: boolean;
  @Field(() => DateScalar, { description: '评审日期 / Date reviewed' }) reviewedOn: string;
  recordedBy: string;
}

@Directive('@shareable')
@ObjectType('PlatformOnSiteVisit', { description: '实地考察 / On-site visit' })
export class OnSiteVisit {
  @Field(() => DateScalar, { description: '考察日期 / Date visited' }) visitedOn: string;
  @Field({ description: '考察人员 / Visitors' }) visitors: string;
  @Field({ description: '考察情况 / Findings' }) findings: string;
  @Field({ description: '是否属实合格 / Confirmed' }) confirmed: boolean;
  recordedBy: string;
}
