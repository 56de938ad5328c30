import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { chinaToday } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted } from '../permissions';
import { Member } from '../members/member.entity';
import { AnnualEvaluation } from './annual-evaluation.entity';
import { RecordEvaluationInput } from './evaluation.inputs';
import { recordEvaluation } from './evaluations.service';

/** 第十二条 annual evaluations: the province rates, the membership lists the ratings. */
export function createEvaluationResolver(config: LibraryConfig) {
  @Resolver(() => Member)
  class EvaluationResolver {
    @Mutation(() => AnnualEvaluation, {
      name: fieldName(config, 'RecordLibraryEvaluation'),
      description: '省级记录年度评价；不合格不自动移出，须经会议研究决定移出（第十二条）/ The province records an annual evaluation; a FAIL removes only by decision (Art. 12)',
    })
    record(@Ctx() ctx: LibraryContext, @Arg('input', () => RecordEvaluationInput) input: RecordEvaluationInput): Promise<AnnualEvaluation> {
      return recordEvaluation(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => [AnnualEvaluation], { description: '年度评价，新年度在前（第十二条，需权限）/ Annual evaluations, latest year first (Art. 12; restricted)' })
    evaluations(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<AnnualEvaluation[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.evaluations.load(member.id);
    }
  }
  return EvaluationResolver;
}
