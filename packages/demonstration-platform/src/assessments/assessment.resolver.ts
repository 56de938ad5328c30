import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { chinaToday } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformContext } from '../loaders';
import { PerformanceAssessment, PerformanceRating } from './performance-assessment.entity';
import { assessPerformance } from './assessments.service';

@InputType('PlatformPerformanceAssessmentInput', { description: '服务绩效考核 / Record a performance assessment' })
export class AssessmentInput {
  @Field(() => ID) designationId: string;
  @Field(() => Int, { description: '考核年度（上一年度）/ Year assessed (a year already ended)' }) year: number;
  @Field(() => PerformanceRating) rating: PerformanceRating;
  @Field() comments: string;
}

/** 宁 第十九条 服务绩效考核. */
export function createAssessmentResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);

  @Resolver(() => PerformanceAssessment)
  class AssessmentResolver {
    @Mutation(() => PerformanceAssessment, {
      name: n('AssessPlatformPerformance'),
      description: `服务绩效考核：优秀优先推荐申报国家示范平台，不合格撤销称号（${config.abbreviation} ${config.management.performanceAssessment?.article}）/ Assess a platform's year: excellent is recommended nationally, failing is revoked`,
    })
    assess(@Ctx() ctx: PlatformContext, @Arg('input', () => AssessmentInput) input: AssessmentInput) {
      return assessPerformance(ctx.em, config, ctx.user, input, chinaToday());
    }
  }
  return AssessmentResolver;
}
