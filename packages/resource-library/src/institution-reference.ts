import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The registry's `Institution` as a library sees it: its key only. The library adds its fields
 * (`shanxiLibrary`, `hebeiLibraryApplications` …) and returns references for the gateway to resolve.
 */
@Directive('@key(fields: "id")')
@ObjectType('Institution', { description: '服务机构 / Service institution' })
export class InstitutionReference {
  @Field(() => ID, { description: '机构标识 / Institution id' })
  id: string;
}

export const institutionRef = (id: string): InstitutionReference => ({ id });
