import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { chinaToday } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted } from '../permissions';
import { Member } from '../members/member.entity';
import { MajorChange } from './major-change.entity';
import { ReportMajorChangeInput, VerifyMajorChangeInput } from './major-change.inputs';
import { reportMajorChange, verifyMajorChange } from './major-changes.service';

/** 第十一条 major changes: the member reports, the city verifies; the membership lists them. */
export function createMajorChangeResolver(config: LibraryConfig) {
  @Resolver(() => Member)
  class MajorChangeResolver {
    @Mutation(() => MajorChange, {
      name: fieldName(config, 'ReportLibraryMajorChange'),
      description: '报告更名、合并、重组、迁移等重大变化（变化后 3 个月内，第十一条）/ Report a major change (within 3 months, Art. 11)',
    })
    report(@Ctx() ctx: LibraryContext, @Arg('input', () => ReportMajorChangeInput) input: ReportMajorChangeInput): Promise<MajorChange> {
      return reportMajorChange(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => MajorChange, {
      name: fieldName(config, 'VerifyLibraryMajorChange'),
      description: '市级（或视同市的单位）核实重大变化；不再符合入库条件的报省级决定移出（第十一条）/ The city verifies a major change; one that no longer qualifies goes to the province for removal (Art. 11)',
    })
    verify(@Ctx() ctx: LibraryContext, @Arg('input', () => VerifyMajorChangeInput) input: VerifyMajorChangeInput): Promise<MajorChange> {
      return verifyMajorChange(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => [MajorChange], { description: '重大变化报告，新者在前（第十一条，需权限）/ Major change reports, latest first (Art. 11; restricted)' })
    majorChanges(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<MajorChange[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.majorChanges.load(member.id);
    }
  }
  return MajorChangeResolver;
}
