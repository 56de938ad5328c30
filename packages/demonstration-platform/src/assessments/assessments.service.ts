import type { EntityManager } from '@mikro-orm/postgresql';
import { PlatformDesignationStatus, badInput, count, designationStatus, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import { mayDecideForProvince } from '../permissions';
import { findDesignation, revoke } from '../designations/revocation';
import { RevocationGround } from '../designations/revocation-ground';
import { PerformanceAssessment, PerformanceRating } from './performance-assessment.entity';

export const ASSESSMENT = 'PlatformPerformanceAssessment';

/**
 * 宁 第十九条 服务绩效考核: the province rates a platform's previous year (每年定期对上一年度…考核). EXCELLENT marks it
 * for priority recommendation to the national programme (优先推荐申报国家中小企业公共服务示范平台); FAIL revokes the
 * designation on the day, in the same transaction. Once per platform and year.
 */
export async function assessPerformance(
  em: EntityManager, config: PlatformProgrammeConfig, user: AuthUser | null,
  input: { designationId: string; year: number; rating: PerformanceRating; comments: string }, today: string,
): Promise<PerformanceAssessment> {
  const rule = config.management.performanceAssessment;
  if (!rule) throw badInput({ zh: '本省未规定服务绩效考核', en: 'This programme has no performance assessment' }, { reason: 'NOT_PROVIDED' });
  const actor = mayDecideForProvince(user, config);
  const cite = article(config, rule.article);
  const year = count('year', input.year, Number(today.slice(0, 4)) - 1, 2000); // 上一年度: a year already ended
  const comments = text('comments', input.comments, 4000);
  return writeTransaction(em, async (tx) => {
    const designation = await findDesignation(tx, input.designationId);
    // revoked on or before 1 January: not a platform on any day of the year (REVOKED from the day of revocation)
    if (designation.designatedOn > `${year}-12-31` || designation.validUntil < `${year}-01-01` || (designation.revokedOn !== null && designation.revokedOn <= `${year}-01-01`)) {
      throw badInput(
        { zh: `${year} 年该平台不在认定有效期内，不予考核（${cite}）`, en: `The platform was not designated in ${year} (${cite})` },
        { reason: 'NOT_DESIGNATED_IN_YEAR', field: 'year', value: year },
      );
    }
    const row = tx.create(PerformanceAssessment, { designationId: designation.id, year, rating: input.rating, comments, assessedOn: today, assessedBy: actor.id });
    tx.persist(row);
    if (input.rating === PerformanceRating.EXCELLENT) designation.nationalRecommendationYear = year;
    if (input.rating === PerformanceRating.FAIL && designationStatus(designation, today) === PlatformDesignationStatus.DESIGNATED) {
      revoke(tx, config, actor, designation, { ground: RevocationGround.ASSESSMENT_FAILED, reason: `${year} 年度服务绩效考核不合格：${comments}（${cite}）`, on: today });
    }
    await tx.flush(); // once per platform and year: CONFLICT
    recordAudit(tx, actor, { recordType: ASSESSMENT, recordId: row.id, action: `ASSESS_${input.rating}`, after: { designationId: designation.id, year, rating: input.rating }, reason: comments });
    return row;
  });
}
