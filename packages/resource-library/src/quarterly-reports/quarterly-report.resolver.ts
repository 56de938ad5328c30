import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { DateScalar, chinaToday } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { requireRestricted } from '../permissions';
import { Member } from '../members/member.entity';
import { QuarterlyReport } from './quarterly-report.entity';
import { MemberNotice } from './member-notice.entity';
import { FileQuarterlyReportInput } from './quarterly-report.inputs';
import { fileQuarterlyReport } from './quarterly-reports.service';
import { nextReportDueOn } from './next-report-due';

/** 第十条 quarterly reports: filing, and what a membership shows of them. */
export function createQuarterlyReportResolver(config: LibraryConfig) {
  @Resolver(() => Member)
  class QuarterlyReportResolver {
    @Mutation(() => QuarterlyReport, {
      name: fieldName(config, 'FileLibraryQuarterlyReport'),
      description: '报送本周期服务情况（第十条；逾期报送照常登记但不补救未报周期）/ File a period’s service report (Art. 10; a late report is recorded but cures nothing)',
    })
    file(@Ctx() ctx: LibraryContext, @Arg('input', () => FileQuarterlyReportInput) input: FileQuarterlyReportInput): Promise<QuarterlyReport> {
      return fileQuarterlyReport(ctx.em, config, ctx.user, input, chinaToday());
    }

    @FieldResolver(() => [QuarterlyReport], { description: '季度服务情况报送，新周期在前（第十条，需权限）/ Quarterly reports, latest period first (Art. 10; restricted)' })
    quarterlyReports(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<QuarterlyReport[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.reports.load(member.id);
    }

    @FieldResolver(() => [MemberNotice], { description: '因连续未报送而给予的通报，新者在前（第十条，需权限）/ Notices for missed reports, latest first (Art. 10; restricted)' })
    notices(@Root() member: Member, @Ctx() ctx: LibraryContext): Promise<MemberNotice[]> {
      requireRestricted(ctx.user, member);
      return ctx.loaders.notices.load(member.id);
    }

    @FieldResolver(() => DateScalar, {
      nullable: true,
      description: '截至 asOf（默认今天）所在周期的报送截止日；入库前或移出后为空（第十条）/ Due date of the reporting period containing asOf (default today); null before admission or once removed (Art. 10)',
    })
    nextReportDueOn(@Root() member: Member, @Arg('asOf', () => DateScalar, { nullable: true, description: '按此日期计算（默认今天）/ Date to judge (default today)' }) asOf?: string | null): string | null {
      return nextReportDueOn(member, asOf ?? chinaToday(), config.rules.reportDueDates);
    }
  }
  return QuarterlyReportResolver;
}
