import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, invalidTransition, isUuid, notFound, recordAudit, text, writeTransaction, type AuthUser } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import { CATEGORY_NAMES } from '../categories';
import { mayActForInstitution } from '../permissions';
import { findMember } from '../members/removal';
import { MEMBER } from '../members/member-history';
import { ServiceOffering } from './service-offering.entity';
import type { PublishOfferingInput } from './offering.inputs';
import { requireInLibrary } from '../members/in-library';

const PUBLISH_OFFERING = 'PUBLISH_OFFERING';
const WITHDRAW_OFFERING = 'WITHDRAW_OFFERING';

export const offeringSnapshot = (o: ServiceOffering) => ({
  id: o.id, kind: o.kind, category: o.category, title: o.title, publishedOn: o.publishedOn, withdrawnOn: o.withdrawnOn,
});

/**
 * 第十三条（一）入库机构应及时发布、更新服务产品、服务案例信息: the member's applicant publishes; the item is
 * public from that day. Its category is one of the province's (第九条; 河北 has no 合规管理), not necessarily
 * one the member was admitted under: a member may describe any of its services.
 */
export async function publishOffering(em: EntityManager, config: LibraryConfig, user: AuthUser | null, input: PublishOfferingInput, today: string): Promise<ServiceOffering> {
  if (!config.categories.includes(input.category)) {
    throw badInput(
      { zh: `${CATEGORY_NAMES[input.category] ?? input.category}不是${config.libraryName}的服务类别（${config.abbreviation} 第九条）`, en: `${input.category} is not a category of this library (Art. 9)` },
      { reason: 'CATEGORY_NOT_OFFERED', field: 'category', value: input.category },
    );
  }
  const title = text('title', input.title, 200);
  const summary = text('summary', input.summary, 10_000);
  return writeTransaction(em, async (tx) => {
    const member = await findMember(tx, input.memberId);
    const actor = mayActForInstitution(user, member.institutionId);
    requireInLibrary(member, PUBLISH_OFFERING);
    const offering = tx.create(ServiceOffering, { memberId: member.id, kind: input.kind, category: input.category, title, summary, publishedOn: today });
    tx.persist(offering);
    recordAudit(tx, actor, { recordType: MEMBER, recordId: member.id, action: PUBLISH_OFFERING, after: offeringSnapshot(offering) });
    await tx.flush();
    return offering;
  });
}

/** Takes a published item down (更新: withdraw the old, publish the new). It stays on record, no longer listed. */
export async function withdrawOffering(em: EntityManager, user: AuthUser | null, id: string, today: string): Promise<ServiceOffering> {
  return writeTransaction(em, async (tx) => {
    const offering = isUuid(id) ? await tx.findOne(ServiceOffering, { id }) : null;
    if (!offering) throw notFound({ zh: '服务产品或案例', en: 'Offering' }, id);
    const member = await findMember(tx, offering.memberId);
    const actor = mayActForInstitution(user, member.institutionId);
    requireInLibrary(member, WITHDRAW_OFFERING);
    if (offering.withdrawnOn) throw invalidTransition('WITHDRAWN', WITHDRAW_OFFERING, []);
    const before = offeringSnapshot(offering);
    offering.withdrawnOn = today;
    recordAudit(tx, actor, { recordType: MEMBER, recordId: member.id, action: WITHDRAW_OFFERING, before, after: offeringSnapshot(offering) });
    await tx.flush();
    return offering;
  });
}
