import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { addDays, DateScalar } from '@sme/kernel';

/** Where a yearly duty stands on the day asked: filed (on time or late), still due, or overdue. */
export enum DutyStatus {
  FILED = 'FILED',
  FILED_LATE = 'FILED_LATE',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
}

registerEnumType(DutyStatus, {
  name: 'PlatformDutyStatus',
  description: '报送义务状态 / Where a reporting duty stands',
  valuesConfig: {
    FILED: { description: '已按期报送 / Filed on time' },
    FILED_LATE: { description: '逾期后报送 / Filed late' },
    DUE: { description: '未到期，尚未报送 / Not yet due, not filed' },
    OVERDUE: { description: '已逾期未报送 / Overdue, not filed' },
  },
});

/** As it stood on `asOf`: a filing made after that day does not count yet (a past date shows what was known then). */
export function dutyStatus(dueOn: string, filed: { late: boolean; filedOn: string } | null, asOf: string): DutyStatus {
  if (filed && filed.filedOn <= asOf) return filed.late ? DutyStatus.FILED_LATE : DutyStatus.FILED;
  return asOf > dueOn ? DutyStatus.OVERDUE : DutyStatus.DUE;
}

/** 每年年底前 (鲁 第二十六条, 宁 第十六条): the summary of `year` is due on 31 December. */
export const summaryDueOn = (year: number): string => `${year}-12-31`;

/** 每年2月底前…上一年度 (宁 第十八条): the city's report on `year` is due on the last day of the next February. */
export const cityReportDueOn = (year: number): string => addDays(`${year + 1}-03-01`, -1);

@Directive('@shareable')
@ObjectType('PlatformDutyCount', { description: '报送义务计数 / Reporting duties by status' })
export class DutyCounts {
  @Field(() => Int, { description: '应报 / Owed' }) owed: number;
  @Field(() => Int, { description: '按期报送 / Filed on time' }) filed: number;
  @Field(() => Int, { description: '逾期后报送 / Filed late' }) filedLate: number;
  @Field(() => Int, { description: '未到期 / Not yet due' }) due: number;
  @Field(() => Int, { description: '逾期未报 / Overdue' }) overdue: number;
  @Field(() => DateScalar, { description: '截止日 / Due date' }) dueOn: string;
}

export function dutyCounts(statuses: readonly DutyStatus[], dueOn: string): DutyCounts {
  const n = (s: DutyStatus) => statuses.filter((x) => x === s).length;
  return { owed: statuses.length, filed: n(DutyStatus.FILED), filedLate: n(DutyStatus.FILED_LATE), due: n(DutyStatus.DUE), overdue: n(DutyStatus.OVERDUE), dueOn };
}
