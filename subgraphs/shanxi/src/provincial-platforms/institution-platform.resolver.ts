import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PlatformDesignation, chinaToday } from '@sme/kernel';
import type { InstitutionType, PlatformContext } from './context';
import { asPlatformDesignation } from './designation-validity';

/** SPEC §6 `Institution.shanxiPlatform`: the latest provincial designation (public), null when never designated. */
export function createInstitutionPlatformResolver(institutionType: InstitutionType) {
  @Resolver(() => institutionType)
  class InstitutionPlatformResolver {
    @FieldResolver(() => PlatformDesignation, {
      name: 'shanxiPlatform',
      nullable: true,
      description: '山西省中小企业公共服务示范平台：最近一次省级认定（状态按今天计算；未曾认定为空）/ Latest Shanxi provincial designation (status as of today; null when never designated)',
    })
    async shanxiPlatform(@Root() institution: { id: string }, @Ctx() ctx: PlatformContext): Promise<PlatformDesignation | null> {
      const [latest] = await ctx.loaders.provincialDesignationsByInstitution.load(institution.id);
      return latest ? asPlatformDesignation(latest, chinaToday()) : null;
    }
  }
  return InstitutionPlatformResolver;
}
