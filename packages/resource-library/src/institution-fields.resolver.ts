import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { InstitutionReference } from '@sme/kernel';
import { fieldName, type LibraryConfig } from './library-config';
import type { LibraryContext } from './context';
import { Member } from './members/member.entity';
import { Application } from './applications/application.entity';
import { mayReadRestricted } from './permissions';

/** The fields a library adds to the registry's Institution (SPEC §6: `shanxiLibrary`, `hebeiLibrary`). */
export function createInstitutionFieldsResolver(config: LibraryConfig) {
  @Resolver(() => InstitutionReference)
  class InstitutionFieldsResolver {
    @FieldResolver(() => Member, {
      name: fieldName(config, 'Library'),
      nullable: true,
      description: `${config.libraryName}：最近一次入库记录（未曾入库为空）/ Latest membership (null when never admitted)`,
    })
    async library(@Root() institution: InstitutionReference, @Ctx() ctx: LibraryContext): Promise<Member | null> {
      return (await ctx.loaders.membersByInstitution.load(institution.id))[0] ?? null;
    }

    @FieldResolver(() => [Application], {
      name: fieldName(config, 'LibraryApplications'),
      description: `${config.libraryName}入库申请（仅返回有权查看的，新申请在前）/ Applications you may see, newest first`,
    })
    async applications(@Root() institution: InstitutionReference, @Ctx() ctx: LibraryContext): Promise<Application[]> {
      const applications = await ctx.loaders.applicationsByInstitution.load(institution.id);
      return applications.filter((a) => mayReadRestricted(ctx.user, a.regionCode, a.institutionId));
    }
  }
  return InstitutionFieldsResolver;
}
