import type { LibraryConfig } from './library-config';
import { createAppointmentResolver } from './appointments/appointment.resolver';
import { createAppointmentSummaryResolver } from './appointments/appointment-summary.resolver';
import { createQuarterlyReportResolver } from './quarterly-reports/quarterly-report.resolver';
import { createMajorChangeResolver } from './major-changes/major-change.resolver';
import { createEvaluationResolver } from './evaluations/evaluation.resolver';
import { createOfferingResolvers } from './offerings/offering.resolver';

/**
 * The member duties beyond admission, each its own resolver: quarterly reports (第十条), major changes
 * (第十一条), annual evaluations (第十二条), products and cases (第十三条（一）), and — where the guideline
 * sets the duty — service appointments (河北 第十三条（二）).
 */
// eslint-disable-next-line @typescript-eslint/ban-types
export function libraryFeatureResolvers(config: LibraryConfig): Function[] {
  // eslint-disable-next-line @typescript-eslint/ban-types
  const resolvers: Function[] = [];
  resolvers.push(createQuarterlyReportResolver(config));
  resolvers.push(createMajorChangeResolver(config));
  resolvers.push(createEvaluationResolver(config));
  resolvers.push(...createOfferingResolvers(config));
  // LibraryMembership.appointmentSummary in every library (the shared type must match); null where there is no duty
  resolvers.push(createAppointmentSummaryResolver(config));
  if (config.rules.appointmentWorkingDays != null) resolvers.push(createAppointmentResolver(config));
  return resolvers;
}
