import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { DateScalar, badInput, count, findRegion, mayActForInstitution, optionalText, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import { mayActForCity } from '../permissions';
import { Designation } from '../designations/designation.entity';
import { findDesignation } from '../designations/revocation';
import { AnnualSummary } from './annual-summary.entity';
import { CityReport } from './city-report.entity';
import { DutyStatus, cityReportDueOn, dutyStatus, summaryDueOn } from './reporting-duty';

export const SUMMARY = 'PlatformAnnualSummary';
export const CITY_REPORT = 'PlatformCityReport';

/** A year already begun (a summary is written during its year) or, with `ended`, already over (上一年度). */
function reportYear(field: string, year: number, today: string, ended = false): number {
  count(field, year, Number(today.slice(0, 4)) - (ended ? 1 : 0), 2000);
  return year;
}

/** In force on the due date: the platforms that owe the year's summary (a platform revoked or expired before it does not). */
function inForceOn(date: string) {
  return { designatedOn: { $lte: date }, validUntil: { $gte: date }, $or: [{ revokedOn: null }, { revokedOn: { $gt: date } }] };
}

/**
 * 年度工作总结 (鲁 第二十六条 with 下年度工作打算; 宁 第十六条), filed by the platform for a year in which it is a
 * platform at the year's end. Due 31 December; filed later it is recorded and flagged late. Once per year.
 */
export async function fileAnnualSummary(
  em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null,
  input: { designationId: string; year: number; summary: string; nextYearPlan?: string | null }, today: string,
): Promise<AnnualSummary> {
  const year = reportYear('year', input.year, today);
  const summary = text('summary', input.summary, 20_000);
  const plan = optionalText('nextYearPlan', input.nextYearPlan, 20_000);
  const cite = article(config, config.management.annualSummary.article);
  if (config.management.annualSummary.asksForNextYearPlan && plan === null) {
    throw badInput({ zh: `年度工作总结须附下年度工作打算（${cite}）`, en: `The summary comes with the next year's plan (${cite})` }, { reason: 'PLAN_REQUIRED', field: 'nextYearPlan' });
  }
  return writeTransaction(em, async (tx) => {
    const designation = await findDesignation(tx, input.designationId);
    const actor = mayActForInstitution(user, designation.institutionId);
    const dueOn = summaryDueOn(year);
    const owes = await tx.count(Designation, { id: designation.id, ...inForceOn(dueOn) });
    if (!owes) {
      throw badInput(
        { zh: `${year} 年末该平台不在认定有效期内，无须报送该年度总结（${cite}）`, en: `The platform is not designated at the end of ${year}; no summary is owed (${cite})` },
        { reason: 'NO_DUTY', field: 'year', value: year },
      );
    }
    const row = tx.create(AnnualSummary, {
      designationId: designation.id, year, dueOn, filedOn: today, late: today > dueOn, summary, nextYearPlan: plan, filedBy: actor.id,
    });
    tx.persist(row);
    await tx.flush(); // once per designation and year: a second filing is CONFLICT
    recordAudit(tx, actor, { recordType: SUMMARY, recordId: row.id, action: 'FILE', after: { designationId: designation.id, year, filedOn: today, late: row.late } });
    return row;
  });
}

/** 宁 第十八条: the city files its summary and inspection report on `year` by the end of the next February. */
export async function fileCityReport(
  em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null,
  input: { cityCode: string; year: number; summaryReport: string; inspectionReport: string }, today: string,
): Promise<CityReport> {
  if (!config.management.cityReport) throw badInput({ zh: '本省未规定市级年度汇总报告', en: 'This programme has no city report' }, { reason: 'NOT_PROVIDED' });
  const actor = mayActForCity(user, input.cityCode);
  if (findRegion(input.cityCode)?.level !== 'CITY') throw badInput({ zh: `不是市：${input.cityCode}`, en: `Not a city: ${input.cityCode}` }, { reason: 'UNKNOWN_REGION', field: 'cityCode' });
  const year = reportYear('year', input.year, today, true); // 宁 第十八条: 上一年度
  const dueOn = cityReportDueOn(year);
  return writeTransaction(em, async (tx) => {
    const row = tx.create(CityReport, {
      cityCode: input.cityCode, year, dueOn, filedOn: today, late: today > dueOn,
      summaryReport: text('summaryReport', input.summaryReport, 20_000), inspectionReport: text('inspectionReport', input.inspectionReport, 20_000), filedBy: actor.id,
    });
    tx.persist(row);
    await tx.flush(); // once per city and year: CONFLICT
    recordAudit(tx, actor, { recordType: CITY_REPORT, recordId: row.id, action: 'FILE', after: { cityCode: row.cityCode, year, filedOn: today, late: row.late } });
    return row;
  });
}

@Directive('@shareable')
@ObjectType('PlatformSummaryDuty', { description: '示范平台年度总结报送义务 / A platform’s annual-summary duty' })
export class SummaryDuty {
  designation: Designation;
  @Field(() => DateScalar, { description: '截止日 / Due date' }) dueOn: string;
  @Field(() => DutyStatus, { description: '状态 / Status' }) status: DutyStatus;
  @Field(() => AnnualSummary, { nullable: true, description: '已报送的总结（需权限）/ The summary filed (restricted)' }) summary: AnnualSummary | null;
}

/** Every platform that owes the summary of `year`, with where its duty stands on `asOf` (overdue flagged). Two statements. */
export async function summaryDuties(em: EntityManager, year: number, asOf: string): Promise<SummaryDuty[]> {
  const dueOn = summaryDueOn(year);
  const designations = await em.find(Designation, inForceOn(dueOn), { orderBy: { cityCode: 'asc', designatedOn: 'asc', id: 'asc' } });
  const filed = designations.length ? await em.find(AnnualSummary, { year, designationId: { $in: designations.map((d) => d.id) } }) : [];
  const byDesignation = new Map(filed.map((s) => [s.designationId, s]));
  return designations.map((designation) => {
    const summary = byDesignation.get(designation.id) ?? null;
    return { designation, dueOn, summary: summary && summary.filedOn <= asOf ? summary : null, status: dutyStatus(dueOn, summary, asOf) };
  });
}

@Directive('@shareable')
@ObjectType('PlatformCityReportDuty', { description: '市级年度汇总报告义务（宁 第十八条）/ A city’s annual-report duty' })
export class CityReportDuty {
  @Field({ description: '市 / City' }) cityCode: string;
  @Field({ description: '市名称 / City name' }) cityName: string;
  @Field(() => DateScalar, { description: '截止日（次年2月底）/ Due date (end of next February)' }) dueOn: string;
  @Field(() => DutyStatus, { description: '状态 / Status' }) status: DutyStatus;
  @Field(() => CityReport, { nullable: true, description: '已报送的报告（需权限）/ The report filed (restricted)' }) report: CityReport | null;
}

/** The cities with platforms at the end of `year` owe the report on it; each with where it stands on `asOf`. */
export async function cityReportDuties(em: EntityManager, year: number, asOf: string): Promise<CityReportDuty[]> {
  const dueOn = cityReportDueOn(year);
  const designations = await em.find(Designation, inForceOn(summaryDueOn(year)), { fields: ['cityCode'] });
  const reports = await em.find(CityReport, { year });
  const cities = [...new Set([...designations.map((d) => d.cityCode), ...reports.map((r) => r.cityCode)])].sort();
  return cities.map((cityCode) => {
    const report = reports.find((r) => r.cityCode === cityCode) ?? null;
    return { cityCode, cityName: findRegion(cityCode)?.name ?? cityCode, dueOn, report: report && report.filedOn <= asOf ? report : null, status: dutyStatus(dueOn, report, asOf) };
  });
}

export { DutyStatus };
