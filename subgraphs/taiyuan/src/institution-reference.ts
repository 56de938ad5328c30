import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The registry's Institution as taiyuan sees it: its key, to which it adds `taiyuan`. */
@Directive('@key(fields: "id")')
@ObjectType('Institution', { description: '服务机构 / Service institution' })
export class InstitutionReference {
  @Field(() => ID, { description: '机构标识 / Institution id' })
  id: string;
}
