import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The registry's `Institution` as a programme subgraph sees it: its key only (SPEC §1: `registry` owns the
 * entity, every other subgraph contributes fields to it). A programme adds its fields (`shanxiLibrary`,
 * `taiyuan`, `ningxiaPlatform` …) and returns references for the gateway to resolve. The registry's own type is
 * its entity; this class is only in the schemas that list it (type-graphql emits the types resolvers use).
 */
@Directive('@key(fields: "id")')
@ObjectType('Institution', { description: '服务机构 / Service institution' })
export class InstitutionReference {
  @Field(() => ID, { description: '机构标识 / Institution id' })
  id: string;
}

export const institutionRef = (id: string): InstitutionReference => ({ id });
