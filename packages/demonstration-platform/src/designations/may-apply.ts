import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, conflict, designationStatus, PlatformDesignationStatus } from '@sme/kernel';
import { article, type PlatformProgrammeConfig } from '../programme-config';
import type { RuleSet } from '../rule-set';
import { Designation } from './designation.entity';

/**
 * Whether an institution may apply on `on` under `ruleSet`:
 * - 鲁 第二十四条: revoked for a violation, it may not apply for 3 years (`applicationBannedUntil` is the last day
 *   of the ban: an application that day gets REENTRY_BANNED, the next day it is accepted);
 * - 鲁 第二十三条, 宁 第十七条: a platform still designated may apply again only in the year its validity ends
 *   (在有效期满当年可再次申报); earlier it gets CONFLICT with the year it may.
 */
export async function assertMayApply(em: EntityManager, config: PlatformProgrammeConfig, ruleSet: RuleSet, institutionId: string, on: string): Promise<void> {
  const designations = await em.find(Designation, { institutionId }, { orderBy: { designatedOn: 'desc' } });
  const ban = designations.map((d) => d.applicationBannedUntil).filter((d): d is string => d !== null && d >= on).sort().at(-1);
  if (ban) {
    const cite = article(config, ruleSet.designation.revocationBan?.article ?? config.management.revocationArticle);
    throw new DomainError(
      ErrorCode.REENTRY_BANNED,
      {
        zh: `该平台被撤销${config.platformTitle}称号，${ban}（含）前不得申报（${cite}）`,
        en: `The platform's designation was revoked; it may not apply until after ${ban} (${cite})`,
      },
      { bannedUntil: ban, article: cite },
    );
  }
  const current = designations.find((d) => designationStatus(d, on) === PlatformDesignationStatus.DESIGNATED);
  if (!current) return;
  const expiryYear = current.validUntil.slice(0, 4);
  if (ruleSet.designation.reapplyInExpiryYear && on.slice(0, 4) === expiryYear) return;
  const cite = article(config, ruleSet.designation.article);
  throw conflict(
    {
      zh: `该平台的${config.platformTitle}认定有效期至 ${current.validUntil}，${ruleSet.designation.reapplyInExpiryYear ? `${expiryYear} 年（有效期满当年）方可再次申报` : '有效期内不得再次申报'}（${cite}）`,
      en: `The platform is designated through ${current.validUntil}; ${ruleSet.designation.reapplyInExpiryYear ? `it may apply again in ${expiryYear}, the year its designation ends` : 'it may not apply again while designated'} (${cite})`,
    },
    { reason: 'STILL_DESIGNATED', validUntil: current.validUntil, mayApplyFrom: ruleSet.designation.reapplyInExpiryYear ? `${expiryYear}-01-01` : null, article: cite },
  );
}
