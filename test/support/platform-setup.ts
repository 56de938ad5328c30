import type { MikroORM } from '@mikro-orm/postgresql';
import { ReviewAction, addDays, openDatabase, systemActor } from '@sme/kernel';
import { PLATFORM_ENTITIES, PlatformDecision, PlatformReviewStep, platformMigrations, type PlatformProgrammeConfig } from '@sme/demonstration-platform';
import { createApplication, reviewApplication, submitApplication } from '../../packages/demonstration-platform/src/applications/application.service';
import { recordExpertReview, recordOnSiteVisit } from '../../packages/demonstration-platform/src/applications/provincial-checks.service';
import { decideAfterNotice } from '../../packages/demonstration-platform/src/designations/designation.service';
import { passingDeclaration } from '../../packages/demonstration-platform/test/support/platform-fixture';

/**
 * Designations need past dates (a designation takes months, and Shandong's document applies only until
 * 2023-10-06): they are made through the engine's own services on the subgraph's schema, never by writing rows.
 * What the tests then check goes through the gateway.
 */
export function openPlatformSchema(databaseUrl: string, config: PlatformProgrammeConfig): Promise<MikroORM> {
  return openDatabase({ schema: config.name, entities: PLATFORM_ENTITIES, migrations: platformMigrations(config.name), url: databaseUrl, poolMax: 2 });
}

/** The whole workflow from `on` (submission, city, expert review and visit, province, notice), designated the day after the notice. */
export async function designateThroughServices(orm: MikroORM, config: PlatformProgrammeConfig, institutionId: string, on: string): Promise<{ applicationId: string; designationId: string; designatedOn: string }> {
  const actor = systemActor('test-setup');
  const em = () => orm.em.fork();
  const application = await createApplication(em(), config, actor, passingDeclaration(institutionId, on), on);
  await submitApplication(em(), config, actor, application.id, on);
  const assessment = { findings: config.workflow.assessmentItems.map((item) => ({ item, finding: '良好' })), opinion: '同意推荐' };
  await reviewApplication(em(), config, actor, { applicationId: application.id, step: PlatformReviewStep.CITY, action: ReviewAction.APPROVE, assessment }, on);
  await recordExpertReview(em(), config, actor, { applicationId: application.id, panel: [{ name: '专家', title: '教授', organisation: '大学' }], opinion: '建议认定', recommended: true, reviewedOn: on }, on);
  await recordOnSiteVisit(em(), config, actor, { applicationId: application.id, visitedOn: on, visitors: '省厅', findings: '属实', confirmed: true }, on);
  const noticed = await reviewApplication(em(), config, actor, { applicationId: application.id, step: PlatformReviewStep.PROVINCE, action: ReviewAction.APPROVE }, on);
  const designatedOn = addDays(noticed.noticeEndsOn!, 1);
  const decided = await decideAfterNotice(em(), config, actor, { applicationId: application.id, decision: PlatformDecision.DESIGNATE }, designatedOn);
  return { applicationId: application.id, designationId: decided.designationId!, designatedOn };
}
