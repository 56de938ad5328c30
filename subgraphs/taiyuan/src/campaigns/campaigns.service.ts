import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, InputType, Int } from 'type-graphql';
import { DateScalar, DomainError, ErrorCode, badInput, count, notFound, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import { Campaign } from './campaign.entity';
import { mayActForCity } from '../permissions';

export async function findCampaign(em: EntityManager, year: number): Promise<Campaign> {
  const campaign = Number.isInteger(year) ? await em.findOne(Campaign, { year }) : null;
  if (!campaign) throw notFound({ zh: '年度申报通知', en: 'Campaign' }, String(year));
  return campaign;
}

/** SPEC §2 Campaigns: a submission after the deadline is refused (一.5、二.5 逾期不予受理); the deadline day itself is in time. */
export function requireOpen(campaign: Campaign, today: string): void {
  if (today < campaign.opensOn) {
    throw badInput({ zh: `${campaign.year} 年度申报尚未开始（${campaign.opensOn} 起）`, en: `The ${campaign.year} call opens on ${campaign.opensOn}` }, { reason: 'CAMPAIGN_NOT_OPEN', opensOn: campaign.opensOn });
  }
  if (today > campaign.deadline) {
    throw new DomainError(
      ErrorCode.DEADLINE_PASSED,
      { zh: `${campaign.year} 年度申报已于 ${campaign.deadline} 截止，逾期不予受理`, en: `The ${campaign.year} call closed on ${campaign.deadline}; late submissions are not accepted` },
      { deadline: campaign.deadline, campaignYear: campaign.year },
    );
  }
}

@InputType('OpenTaiyuanCampaignInput', { description: '发布年度申报通知 / Open a year’s call' })
export class OpenCampaignInput {
  @Field(() => Int) year: number;
  @Field({ description: '通知文号与标题 / The notice' }) document: string;
  @Field(() => DateScalar) opensOn: string;
  @Field(() => DateScalar, { description: '截止日期（含当日）/ Deadline (inclusive)' }) deadline: string;
  @Field(() => DateScalar, { nullable: true, description: '默认为三年前的 12 月 31 日 / Default: 31 December three years earlier' }) cityReapplyDesignatedThrough?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '默认为三年前的 5 月 1 日 / Default: 1 May three years earlier' }) provincialReapplyDesignatedBefore?: string | null;
}

/** Campaigns for other years (SPEC §5.1): the city opens them; the 3-year validity sets the default re-application dates. */
export async function openCampaign(em: EntityManager, user: AuthUser | null, input: OpenCampaignInput): Promise<Campaign> {
  const actor = mayActForCity(user);
  count('year', input.year, 2100, 2000);
  if (input.deadline < input.opensOn) throw badInput({ zh: '截止日期不能早于发布日期', en: 'The deadline cannot precede the opening' }, { reason: 'DATE_ORDER', field: 'deadline' });
  if (Number(input.opensOn.slice(0, 4)) !== input.year) throw badInput({ zh: '发布日期应在该年度内', en: 'opensOn must fall in the campaign year' }, { reason: 'DATE_ORDER', field: 'opensOn' });
  const values = {
    year: input.year,
    document: text('document', input.document, 300),
    opensOn: input.opensOn,
    deadline: input.deadline,
    cityReapplyDesignatedThrough: input.cityReapplyDesignatedThrough ?? `${input.year - 3}-12-31`,
    provincialReapplyDesignatedBefore: input.provincialReapplyDesignatedBefore ?? `${input.year - 3}-05-01`,
  };
  return writeTransaction(em, async (tx) => {
    const campaign = tx.create(Campaign, values);
    tx.persist(campaign);
    await tx.flush(); // a second call for the same year is a duplicate (CONFLICT)
    recordAudit(tx, actor, { recordType: 'TaiyuanCampaign', recordId: String(input.year), action: 'OPEN_CAMPAIGN', after: values });
    return campaign;
  });
}
