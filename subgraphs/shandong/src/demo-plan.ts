import type { DemoPlan } from '@sme/demonstration-platform';

/**
 * Shandong's demo platforms. 鲁工信发〔2020〕4号 applies to submissions from 2020-10-07 through 2023-10-06, so the
 * applications are in the 2021 to 2023 campaigns: two expired, one revoked with its 3-year ban, one rejected
 * by the province, and one submitted on the document's last days, designated in December 2023 and expiring in
 * December 2026.
 */
export const shandongDemoPlan: DemoPlan = {
  recognitionIssuer: '济南市工业和信息化局',
  stories: [
    { submitted: '2021-04-12', recommended: '2021-05-10', approved: '2021-06-15', designate: true, summaries: [{ year: 2021, filedOn: '2021-12-20' }, { year: 2022, filedOn: '2023-01-16' }, { year: 2023, filedOn: '2023-12-25' }] },
    { submitted: '2022-04-11', recommended: '2022-05-09', approved: '2022-06-14', designate: true, revoked: { on: '2023-03-20', reason: '虚报服务业绩，经核查属实' } },
    { submitted: '2023-04-10', recommended: '2023-05-08', approved: '2023-06-13', designate: true, summaries: [{ year: 2023, filedOn: '2023-12-22' }, { year: 2024, filedOn: '2024-12-27' }] },
    { submitted: '2023-04-17', recommended: '2023-05-15', rejectedByProvince: '2023-06-13' },
    { submitted: '2023-09-25', recommended: '2023-10-16', approved: '2023-12-11', designate: true, summaries: [{ year: 2024, filedOn: '2025-01-20' }] },
  ],
};
