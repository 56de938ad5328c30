import { Field, InputType } from 'type-graphql';
import { LibraryCategory, ServiceNature } from '../categories';
import { MemberStatus } from './member-status';

@InputType('LibraryMemberFilter', { description: '入库机构筛选 / Member filter' })
export class MemberFilter {
  @Field(() => MemberStatus, { nullable: true, description: '状态（默认不含已移出）/ Status (default: all but REMOVED)' }) status?: MemberStatus | null;
  @Field(() => LibraryCategory, { nullable: true }) category?: LibraryCategory | null;
  @Field(() => ServiceNature, { nullable: true }) nature?: ServiceNature | null;
  @Field(() => String, { nullable: true, description: '所属市（或视同市的单位）/ City or city-acting unit' }) cityCode?: string | null;
}
