import { Field, ID, InputType } from 'type-graphql';
import { LibraryCategory } from '../categories';
import { OfferingKind } from './service-offering.entity';

@InputType('PublishLibraryOfferingInput', { description: '发布服务产品或服务案例（第十三条（一））/ Publish a service product or case (Art. 13(1))' })
export class PublishOfferingInput {
  @Field(() => ID, { description: '入库机构 / Membership' })
  memberId: string;

  @Field(() => OfferingKind, { description: '服务产品或服务案例 / Product or case' })
  kind: OfferingKind;

  @Field(() => LibraryCategory, { description: '服务类别（本省资源库的类别之一，第九条）/ Category (one of the province’s, Art. 9)' })
  category: LibraryCategory;

  @Field({ description: '标题 / Title' })
  title: string;

  @Field({ description: '内容 / Description' })
  summary: string;
}
