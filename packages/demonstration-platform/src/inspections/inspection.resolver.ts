import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { chinaToday } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformContext } from '../loaders';
import { Inspection } from './inspection.entity';
import { DecideRevocationRequestInput, InspectionInput } from './inspection.inputs';
import { decideRevocationRequest, recordInspection } from './inspections.service';

/** City inspections and, where the document provides for them, revocation requests (鲁 第二十五条, 宁 第十八条). */
export function createInspectionResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);
  const cite = `${config.abbreviation} ${config.management.inspection.article}`;

  @Resolver(() => Inspection)
  class InspectionResolver {
    @Mutation(() => Inspection, { name: n('RecordPlatformInspection'), description: `记录市级检查（${cite}）/ Record a city inspection` })
    record(@Ctx() ctx: PlatformContext, @Arg('input', () => InspectionInput) input: InspectionInput) {
      return recordInspection(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => Inspection, { name: n('DecidePlatformRevocationRequest'), description: `处理市级撤销申请：查实则撤销（${cite}）/ Decide a city's revocation request` })
    decide(@Ctx() ctx: PlatformContext, @Arg('input', () => DecideRevocationRequestInput) input: DecideRevocationRequestInput) {
      return decideRevocationRequest(ctx.em, config, ctx.user, input, chinaToday());
    }
  }
  return InspectionResolver;
}
