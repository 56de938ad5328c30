import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** 附件1 测评方法 (several may be ticked). */
export enum SurveyMethod {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  ONLINE = 'ONLINE',
  WRITTEN = 'WRITTEN',
  OTHER = 'OTHER',
}
registerEnumType(SurveyMethod, {
  name: 'TaiyuanSurveyMethod',
  description: '测评方法（附件1）/ Survey method (Form 1)',
  valuesConfig: {
    VISIT: { description: '上门拜访 / Visit' },
    PHONE: { description: '电话询问 / Phone' },
    ONLINE: { description: '网络互动 / Online' },
    WRITTEN: { description: '书面征求 / In writing' },
    OTHER: { description: '其他 / Other' },
  },
});

/** 附件1 对所受服务的总体评价. */
export enum SurveyRating {
  VERY_SATISFIED = 'VERY_SATISFIED',
  SATISFIED = 'SATISFIED',
  DISSATISFIED = 'DISSATISFIED',
}
registerEnumType(SurveyRating, {
  name: 'TaiyuanSurveyRating',
  description: '总体评价（附件1）/ Overall rating (Form 1)',
  valuesConfig: {
    VERY_SATISFIED: { description: '很满意 / Very satisfied' },
    SATISFIED: { description: '基本满意 / Satisfied' },
    DISSATISFIED: { description: '不满意 / Dissatisfied' },
  },
});

/** One sampled enterprise. Interviewee and phone are personal data: readable only with the record's permissions. */
@ObjectType('TaiyuanSurveyEntry', { description: '抽样企业测评（附件1）/ One sampled enterprise (Form 1)' })
export class SurveyEntry {
  @Field({ description: '抽样企业名称 / Enterprise' }) enterprise: string;
  @Field({ description: '被访人员姓名 / Interviewee' }) interviewee: string;
  @Field({ description: '职务 / Title' }) title: string;
  @Field({ description: '联系电话 / Phone' }) phone: string;
  @Field({ description: '接受服务内容 / Service received' }) serviceReceived: string;
  @Field(() => SurveyRating, { description: '总体评价 / Rating' }) rating: SurveyRating;
}

@InputType('TaiyuanSurveyEntryInput', { description: '抽样企业测评 / One sampled enterprise' })
export class SurveyEntryInput {
  @Field() enterprise: string;
  @Field() interviewee: string;
  @Field() title: string;
  @Field() phone: string;
  @Field() serviceReceived: string;
  @Field(() => SurveyRating) rating: SurveyRating;
}

@ObjectType('TaiyuanSatisfactionSummary', { description: '测评结果汇总 / Survey summary' })
export class SatisfactionSummary {
  @Field(() => Int, { description: '抽样企业数 / Enterprises sampled' }) sampled: number;
  @Field(() => Int, { description: '很满意 / Very satisfied' }) verySatisfied: number;
  @Field(() => Int, { description: '基本满意 / Satisfied' }) satisfied: number;
  @Field(() => Int, { description: '不满意 / Dissatisfied' }) dissatisfied: number;
  @Field(() => Float, { description: '满意率（很满意与基本满意之和，%）/ Satisfaction rate (very + basically satisfied, %)' }) satisfactionRate: number;
}

export function summarise(survey: readonly SurveyEntry[]): SatisfactionSummary {
  const count = (r: SurveyRating) => survey.filter((e) => e.rating === r).length;
  const verySatisfied = count(SurveyRating.VERY_SATISFIED);
  const satisfied = count(SurveyRating.SATISFIED);
  const sampled = survey.length;
  return {
    sampled, verySatisfied, satisfied, dissatisfied: count(SurveyRating.DISSATISFIED),
    satisfactionRate: sampled === 0 ? 0 : Math.round(((verySatisfied + satisfied) / sampled) * 10000) / 100,
  };
}
