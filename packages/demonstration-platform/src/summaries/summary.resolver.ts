import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, Role, chinaToday, coversRegion, forbidden, requireUser } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from '../programme-config';
import type { PlatformContext } from '../loaders';
import { RESTRICTED, requireRestricted } from '../permissions';
import { Designation } from '../designations/designation.entity';
import { AnnualSummary } from './annual-summary.entity';
import { CityReport } from './city-report.entity';
import { CityReportDuty, SummaryDuty, cityReportDuties, fileAnnualSummary, fileCityReport, summaryDuties } from './summaries.service';

@InputType('PlatformAnnualSummaryInput', { description: '报送年度工作总结 / File an annual work summary' })
export class AnnualSummaryInput {
  @Field(() => ID) designationId: string;
  @Field(() => Int) year: number;
  @Field() summary: string;
  @Field(() => String, { nullable: true, description: '下年度工作打算（山东必填）/ Next year’s plan (required in Shandong)' }) nextYearPlan?: string | null;
}

@InputType('PlatformCityReportInput', { description: '报送市级年度汇总报告和检查情况报告 / File the city’s annual report' })
export class CityReportInput {
  @Field() cityCode: string;
  @Field(() => Int, { description: '报告所涉年度（上一年度）/ Year reported on' }) year: number;
  @Field() summaryReport: string;
  @Field() inspectionReport: string;
}

const asOfOrToday = (asOf: string | null | undefined) => asOf ?? chinaToday();

/** 年度工作总结 (鲁 第二十六条, 宁 第十六条): filing, and the duties with overdue flags. Signed-in users read the duties. */
export function createSummaryResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);
  const cite = `${config.abbreviation} ${config.management.annualSummary.article}`;

  @Resolver(() => SummaryDuty)
  class SummaryResolver {
    @Mutation(() => AnnualSummary, { name: n('FilePlatformAnnualSummary'), description: `报送年度工作总结（年底前，${cite}）/ File the year's summary (due by year end)` })
    file(@Ctx() ctx: PlatformContext, @Arg('input', () => AnnualSummaryInput) input: AnnualSummaryInput) {
      return fileAnnualSummary(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Query(() => [SummaryDuty], { name: n('PlatformSummaryDuties'), description: `某年度应报总结的示范平台及报送状态（逾期标记，${cite}）/ Who owes the year's summary, overdue flagged` })
    duties(
      @Ctx() ctx: PlatformContext,
      @Arg('year', () => Int) year: number,
      @Arg('asOf', () => DateScalar, { nullable: true, description: '判断日（默认今天）/ Date judged (default today)' }) asOf?: string | null,
    ) {
      requireUser(ctx.user);
      return summaryDuties(ctx.em, year, asOfOrToday(asOf));
    }

    @FieldResolver(() => Designation, { description: '示范平台 / Platform' })
    platform(@Root() duty: SummaryDuty): Designation {
      return duty.designation;
    }

    // who owes a summary is for every signed-in caller; what the platform wrote, for those over it (as its summaries)
    @FieldResolver()
    summary(@Root() duty: SummaryDuty, @Ctx() ctx: PlatformContext): AnnualSummary | null {
      requireRestricted(ctx.user, duty.designation);
      return duty.summary;
    }
  }
  return SummaryResolver;
}

/** 宁 第十八条: the cities' reports by the end of February. */
export function createCityReportResolver(config: PlatformProgrammeConfig) {
  const n = (suffix: string) => fieldName(config, suffix);
  const cite = `${config.abbreviation} ${config.management.cityReport?.article}`;

  @Resolver(() => CityReportDuty)
  class CityReportResolver {
    @Mutation(() => CityReport, { name: n('FileCityPlatformReport'), description: `市级报送上一年度工作总结汇总报告和检查情况报告（2月底前，${cite}）/ File the city's report (by the end of February)` })
    file(@Ctx() ctx: PlatformContext, @Arg('input', () => CityReportInput) input: CityReportInput) {
      return fileCityReport(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Query(() => [CityReportDuty], { name: n('CityPlatformReportDuties'), description: `各市年度报告报送状态（逾期标记，${cite}）/ The cities' report duties, overdue flagged` })
    duties(@Ctx() ctx: PlatformContext, @Arg('year', () => Int) year: number, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null) {
      requireUser(ctx.user);
      return cityReportDuties(ctx.em, year, asOfOrToday(asOf));
    }

    // a city's report (its platforms' summaries, its inspections) is the city's: read by those over the city and analysts
    @FieldResolver()
    report(@Root() duty: CityReportDuty, @Ctx() ctx: PlatformContext): CityReport | null {
      const user = ctx.user;
      if (!(user && (user.role === Role.ANALYST || coversRegion(user, duty.cityCode)))) throw forbidden(RESTRICTED);
      return duty.report;
    }
  }
  return CityReportResolver;
}
