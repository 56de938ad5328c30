import { Field, ID, InputType, Int } from 'type-graphql';
import { CreditCodeScalar } from '@sme/kernel';

@InputType('BookServiceAppointmentInput', { description: '企业预约入库机构的服务（河北 第十三条（二））/ An enterprise books a service from a member (Hebei Art. 13(2))' })
export class BookAppointmentInput {
  @Field(() => ID, { description: '入库机构 / Member' })
  memberId: string;

  @Field({ description: '预约企业名称（≤ 200 字）/ Enterprise name (≤ 200 characters)' })
  enterpriseName: string;

  @Field(() => CreditCodeScalar, { nullable: true, description: '预约企业统一社会信用代码（可选）/ The enterprise’s credit code (optional)' })
  enterpriseCreditCode?: string | null;

  @Field({ description: '联系人（≤ 50 字）/ Contact person (≤ 50 characters)' })
  contactPerson: string;

  @Field({ description: '联系电话（5–30 位，仅数字、+、-、空格）/ Contact phone (5–30 characters: digits, +, -, spaces)' })
  contactPhone: string;

  @Field({ description: '预约的服务内容（≤ 1000 字）/ Service requested (≤ 1000 characters)' })
  service: string;
}

@InputType('HandleServiceAppointmentInput', { description: '入库机构处理服务预约（5 个工作日内，河北 第十三条（二））/ The member handles an appointment (within 5 working days, Hebei Art. 13(2))' })
export class HandleAppointmentInput {
  @Field(() => ID, { description: '服务预约 / Appointment' })
  appointmentId: string;

  @Field({ description: '处理结果（≤ 2000 字）/ Outcome (≤ 2000 characters)' })
  outcome: string;

  @Field(() => Int, { description: '读取时的版本号（并发控制）/ Version read, for optimistic concurrency' })
  expectedVersion: number;
}

@InputType('ServiceAppointmentFilter', { description: '服务预约筛选 / Appointment filter' })
export class AppointmentFilter {
  @Field(() => ID, { nullable: true, description: '入库机构 / Member' })
  memberId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否逾期（逾期处理或逾期未处理）/ Overdue (handled late, or still open past the deadline)' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否尚未处理 / Still open (not yet handled)' })
  open?: boolean | null;
}
