import type { EntityManager } from '@mikro-orm/postgresql';
import { ReviewAction, systemActor } from '@sme/kernel';
import { KnownCreditRecord, KnownInstitution } from '@sme/kernel';
import type { LibraryConfig } from './library-config';
import { MATERIALS } from './materials';
import { ServiceNature } from './categories';
import { Application } from './applications/application.entity';
import { ReviewStep } from './applications/application-status';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from './applications/application.service';
import { startPublicNotice } from './applications/public-notice.service';
import { runSchedule } from './schedule/daily-schedule';
import { Member } from './members/member.entity';
import { fileQuarterlyReport } from './quarterly-reports/quarterly-reports.service';
import { publishOffering } from './offerings/offerings.service';
import { OfferingKind } from './offerings/service-offering.entity';
import { bookAppointment, handleAppointment } from './appointments/appointments.service';

/** How far along the 第八条 workflow each demo application goes. */
const STAGES = ['ADMITTED', 'IN_PUBLIC_NOTICE', 'CITY_RECOMMENDED', 'SUBMITTED', 'DRAFT'] as const;

/** Dated steps of one application, so the demo shows real dates (notice end on a working day, etc.). */
const TIMELINE = {
  ADMITTED: { created: '2026-06-01', county: '2026-06-05', city: '2026-06-10', province: '2026-06-19', notice: '2026-06-22' },
  IN_PUBLIC_NOTICE: { created: '2026-11-02', county: '2026-11-05', city: '2026-11-09', province: '2026-11-16', notice: '2026-11-18' },
  CITY_RECOMMENDED: { created: '2026-10-12', county: '2026-10-16', city: '2026-10-23' },
  SUBMITTED: { created: '2026-11-16' },
  DRAFT: { created: '2026-11-20' },
};

const digest = (seed: string) => Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(seed.charCodeAt(i % seed.length) * (i + 7)) % 16]).join('');

/**
 * A handful of applications at each stage of the workflow, and the admitted member's duties, for the explorer: made through the same services
 * as the API (by the demo's admin actor, on fixed dates), so their history, audit entries and events are real.
 * Institutions with credit records are left out (第六条（七） would stop them). Idempotent.
 */
export async function loadLibraryDemoData(em: EntityManager, config: LibraryConfig): Promise<number> {
  if ((await em.count(Application, {})) > 0) return 0;
  const actor = systemActor(`${config.name}-demo`);
  const listed = new Set((await em.find(KnownCreditRecord, {})).map((r) => r.institutionId));
  const candidates = (await em.find(KnownInstitution, {}, { orderBy: { name: 'asc' } }))
    .filter((i) => i.regionCode.startsWith(config.provinceCode.slice(0, 2)) && !listed.has(i.id));
  let made = 0;
  for (const [index, institution] of candidates.slice(0, STAGES.length).entries()) {
    const stage = STAGES[index];
    const dates: Record<string, string> = TIMELINE[stage];
    const year = Number(dates.created.slice(0, 4)) - 1;
    const application = await createApplication(em.fork(), config, actor, {
      institutionId: institution.id,
      categories: [config.categories[index % config.categories.length], config.categories[(index + 3) % config.categories.length]],
      nature: index % 2 ? ServiceNature.COMMERCIAL : ServiceNature.PUBLIC_WELFARE,
      declared: {
        year, seniorExperts: 12 + index, relatedExperts: 26 + index, partnerAgencies: 6 + index, floorAreaOwned: 180 + 20 * index, floorAreaRented: 60,
        totalAssets: 420 + 35 * index, smesServed: 150 + 10 * index, pointToPointServed: 24 + index,
      },
      attestations: { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true },
    }, dates.created);
    made++;
    if (stage === 'DRAFT') continue;
    for (const material of MATERIALS.filter((m) => m.required)) {
      await attachMaterial(em.fork(), actor, {
        applicationId: application.id, item: material.item, fileName: `${material.item.toLowerCase()}.pdf`, mediaType: 'application/pdf',
        sizeBytes: 200_000 + material.article.length * 1000, sha256: digest(`${institution.id}${material.item}`),
      });
    }
    await submitApplication(em.fork(), config, actor, application.id, dates.created);
    if (stage === 'SUBMITTED') continue;
    await reviewApplication(em.fork(), config, actor, { applicationId: application.id, step: ReviewStep.COUNTY, action: ReviewAction.APPROVE, opinion: '材料真实完整，同意上报' }, dates.county);
    await reviewApplication(em.fork(), config, actor, { applicationId: application.id, step: ReviewStep.CITY, action: ReviewAction.APPROVE, opinion: '服务业绩突出，同意推荐' }, dates.city);
    if (stage === 'CITY_RECOMMENDED') continue;
    await reviewApplication(em.fork(), config, actor, { applicationId: application.id, step: ReviewStep.PROVINCE, action: ReviewAction.APPROVE, opinion: '审核通过' }, dates.province);
    await startPublicNotice(em.fork(), config, actor, { applicationIds: [application.id], startsOn: dates.notice }, dates.notice);
  }
  // admits what the notices let in by the last demo date, as the daily schedule would have
  await runSchedule(em.fork(), config, '2026-07-01', actor);
  for (const member of await em.fork().find(Member, {})) await memberDuties(em, config, member);
  return made;
}

/** What an admitted member does (第十条, 第十三条): a quarterly report, a product and a case, and in Hebei two appointments. */
async function memberDuties(em: EntityManager, config: LibraryConfig, member: Member): Promise<void> {
  const actor = systemActor(`${config.name}-demo`);
  await fileQuarterlyReport(em.fork(), config, actor, { memberId: member.id, dueOn: '2026-09-15', enterprisesServed: 46, publicWelfareActivities: 3, summary: '开展政策宣讲 3 场，为 46 家中小企业提供诊断与对接服务' }, '2026-09-10');
  await publishOffering(em.fork(), config, actor, { memberId: member.id, kind: OfferingKind.PRODUCT, category: member.categories[0], title: '中小企业数字化转型诊断', summary: '上门诊断、出具转型方案，公益性服务每年 20 家' }, '2026-07-15');
  await publishOffering(em.fork(), config, actor, { memberId: member.id, kind: OfferingKind.CASE, category: member.categories[0], title: '某精密铸造企业产线数字化改造', summary: '诊断后三个月完成设备联网，良品率提升 4 个百分点' }, '2026-08-20');
  if (config.rules.appointmentWorkingDays == null) return;
  const handled = await bookAppointment(em.fork(), config, null, { memberId: member.id, enterpriseName: '石家庄市某机械制造有限公司', contactPerson: '王经理', contactPhone: '0311-8888 0001', service: '设备上云咨询' }, '2026-11-02');
  await handleAppointment(em.fork(), actor, { appointmentId: handled.id, outcome: '已电话对接并上门调研，形成上云方案', expectedVersion: handled.version }, '2026-11-05');
  await bookAppointment(em.fork(), config, null, { memberId: member.id, enterpriseName: '保定市某新材料科技有限公司', contactPerson: '李女士', contactPhone: '0312-6666 0002', service: '融资对接' }, '2026-11-20');
}
