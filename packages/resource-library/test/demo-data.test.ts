import { GUIDELINE_RULES } from '../src/library-config';
import { LibraryCategory } from '../src/categories';
import { loadLibraryDemoData } from '../src/demo-data';
import { Application } from '../src/applications/application.entity';
import { Member } from '../src/members/member.entity';
import { Appointment } from '../src/appointments/appointment.entity';
import { QuarterlyReport } from '../src/quarterly-reports/quarterly-report.entity';
import { ServiceOffering } from '../src/offerings/service-offering.entity';
import { openLibrary, testConfig } from './support/library-fixture';

/** The demo data `npm start` loads: made through the services, so it must pass every rule the API enforces. */
describe.each([
  ['Shanxi', testConfig(), '140105'],
  ['Hebei', testConfig({ provinceCode: '130000', abbreviation: '冀', categories: Object.values(LibraryCategory).filter((c) => c !== LibraryCategory.COMPLIANCE), rules: { ...GUIDELINE_RULES, appointmentWorkingDays: 5 } }), '130102'],
])('%s demo data', (_name, config, regionCode) => {
  it('puts one application at each stage, an admitted member with its duties, and loads once', async () => {
    const lib = await openLibrary(config);
    try {
      for (let i = 0; i < 6; i++) await lib.knowInstitution({ regionCode, name: `演示机构${i}` });
      expect(await loadLibraryDemoData(lib.em(), config)).toBe(5);
      const statuses = (await lib.em().find(Application, {}, { orderBy: { status: 'asc' } })).map((a) => a.status).sort();
      expect(statuses).toEqual(['ADMITTED', 'CITY_RECOMMENDED', 'DRAFT', 'IN_PUBLIC_NOTICE', 'SUBMITTED']);
      const [member] = await lib.em().find(Member, {});
      expect(member).toMatchObject({ status: 'ACTIVE', admittedOn: '2026-06-30', firstReportDueOn: '2026-09-15' });
      expect(await lib.em().count(QuarterlyReport, { memberId: member.id, onTime: true })).toBe(1);
      expect(await lib.em().count(ServiceOffering, { memberId: member.id })).toBe(2);
      expect(await lib.em().count(Appointment, {})).toBe(config.rules.appointmentWorkingDays ? 2 : 0);
      expect(await loadLibraryDemoData(lib.em(), config)).toBe(0);
    } finally {
      await lib.close();
    }
  });
});
