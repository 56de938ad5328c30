import type { DemoPlan } from '@sme/demonstration-platform';
import { PerformanceRating } from '@sme/demonstration-platform';

/**
 * Ningxia's demo platforms, under the measures applied from 2019-04-04: one expired, one designated and rated
 * excellent (recommended to the national programme), one designated in 2025, one in public notice in November
 * 2026, one waiting for its city; the cities' reports on 2025.
 */
export const ningxiaDemoPlan: DemoPlan = {
  recognitionIssuer: '银川市工业和信息化局',
  stories: [
    { submitted: '2020-05-11', recommended: '2020-06-08', approved: '2020-07-14', designate: true, summaries: [{ year: 2020, filedOn: '2020-12-28' }, { year: 2021, filedOn: '2021-12-24' }, { year: 2022, filedOn: '2022-12-26' }] },
    { submitted: '2024-04-15', recommended: '2024-05-13', approved: '2024-06-18', designate: true, summaries: [{ year: 2024, filedOn: '2024-12-20' }, { year: 2025, filedOn: '2025-12-19' }], assessment: { year: 2025, rating: PerformanceRating.EXCELLENT, on: '2026-03-16' } },
    { submitted: '2025-04-14', recommended: '2025-05-12', approved: '2025-06-17', designate: true, summaries: [{ year: 2025, filedOn: '2026-01-12' }] },
    { submitted: '2026-10-12', recommended: '2026-10-26', approved: '2026-11-18' },
    { submitted: '2026-11-16' },
  ],
  cityReports: [{ year: 2025, filedOn: '2026-02-27' }],
};
