import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PlatformDesignation, chinaToday, platformDesignationOf, InstitutionReference } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from './programme-config';
import type { PlatformContext } from './loaders';
import { PlatformApplication } from './applications/application.entity';
import { mayReadRestricted } from './permissions';
import { PUBLIC_STATUSES } from './applications/application-status';

/** The fields a programme adds to the registry's Institution (SPEC §6: `shandongPlatform`, `ningxiaPlatform`). */
export function createInstitutionFieldsResolver(config: PlatformProgrammeConfig) {
  @Resolver(() => InstitutionReference)
  class InstitutionFieldsResolver {
    @FieldResolver(() => PlatformDesignation, {
      name: fieldName(config, 'Platform'),
      nullable: true,
      description: `${config.platformTitle}：最近一次认定（未曾认定为空）/ Latest designation (null when never designated)`,
    })
    async platform(@Root() institution: InstitutionReference, @Ctx() ctx: PlatformContext): Promise<PlatformDesignation | null> {
      const latest = (await ctx.loaders.designationsByInstitution.load(institution.id))[0];
      return latest ? platformDesignationOf(latest, config.platformTitle, chinaToday()) : null;
    }

    @FieldResolver(() => [PlatformApplication], {
      name: fieldName(config, 'PlatformApplications'),
      description: `${config.platformTitle}申报（公示后公开，其余仅有权查看者可见；新申报在前）/ Applications you may see, newest first`,
    })
    async applications(@Root() institution: InstitutionReference, @Ctx() ctx: PlatformContext): Promise<PlatformApplication[]> {
      const applications = await ctx.loaders.applicationsByInstitution.load(institution.id);
      return applications.filter((a) => PUBLIC_STATUSES.includes(a.status) || mayReadRestricted(ctx.user, a));
    }
  }
  return InstitutionFieldsResolver;
}
