import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { allRegions, findRegion, regionPath } from '@sme/kernel';
import { Region, RegionLevelEnum } from './region.type';

/** Regions are reference data held in memory (kernel region table): reading them costs no SQL. */
@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: '按代码查询区划 / A region by code' })
  region(@Arg('code', () => String) code: string): Region | null {
    return (findRegion(code) as Region | undefined) ?? null;
  }

  @Query(() => [Region], { description: '区划列表（按上级或层级）/ Regions, by parent or level' })
  regions(
    @Arg('parentCode', () => String, { nullable: true }) parentCode?: string | null,
    @Arg('level', () => RegionLevelEnum, { nullable: true }) level?: RegionLevelEnum | null,
  ): Region[] {
    return allRegions().filter((r) => (parentCode == null || r.parentCode === parentCode) && (level == null || r.level === level)) as Region[];
  }

  @FieldResolver(() => Region, { nullable: true, description: '上级区划 / Parent region' })
  parent(@Root() region: Region): Region | null {
    return region.parentCode ? ((findRegion(region.parentCode) as Region | undefined) ?? null) : null;
  }

  @FieldResolver(() => [Region], { description: '从省到本区划的路径 / Path from the province down to this region' })
  path(@Root() region: Region): Region[] {
    return regionPath(region.code) as Region[];
  }
}
