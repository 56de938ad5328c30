import { MemberStatus } from '../src/members/member-status';
import { openLibrary, type LibraryFixture } from './support/library-fixture';

let lib: LibraryFixture;
beforeAll(async () => (lib = await openLibrary()));
afterAll(() => lib?.close());

it('admits an application the day after its 5-working-day notice', async () => {
  const institution = await lib.knowInstitution();
  const member = await lib.admit(institution, '2024-09-27');
  // 2024-09-29 (Sunday) is a make-up working day; 10-01..10-07 National Day: day 5 is 10-10
  expect(member).toMatchObject({ status: MemberStatus.ACTIVE, admittedOn: '2024-10-11', firstReportDueOn: '2024-12-15' });
});
