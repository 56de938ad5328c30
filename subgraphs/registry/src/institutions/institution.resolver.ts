import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  AuditEntry, CreditCodeScalar, DateScalar, badInput, canReadNonPublic, chinaToday, cleanForTwoYears,
  connectionType, findRegion, forbidden, isUuid,
} from '@sme/kernel';
import { Institution } from './institution.entity';
import { CreditStatus, InstitutionFilter, RegisterInstitutionInput, UpdateInstitutionInput } from './institution.inputs';
import { listInstitutions } from './institution-list';
import { registerInstitution, updateInstitution } from './institution.service';
import { Region } from '../regions/region.type';
import { CreditRecord } from '../credit-records/credit-record.entity';
import { AnnualFacts } from '../annual-facts/annual-facts.entity';
import type { Context } from '../context';

export const InstitutionConnection = connectionType(Institution, 'Institution', '服务机构');

const NON_PUBLIC = { zh: '该字段仅对有权限的用户开放（数据、联系方式、审计）', en: 'This field is only for authorised users (figures, contacts, audit)' };

function requireNonPublic(ctx: Context, institution: Institution): void {
  if (!canReadNonPublic(ctx.user, institution.regionCode, institution.id)) throw forbidden(NON_PUBLIC);
}

@Resolver(() => Institution)
export class InstitutionResolver {
  @Query(() => Institution, { nullable: true, description: '按标识或统一社会信用代码查询机构（二选一）/ An institution by id or by credit code (exactly one)' })
  async institution(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('creditCode', () => CreditCodeScalar, { nullable: true }) creditCode?: string | null,
  ): Promise<Institution | null> {
    if ((id == null) === (creditCode == null)) {
      throw badInput({ zh: '请只给出 id 或 creditCode 之一', en: 'Give exactly one of id and creditCode' }, { reason: 'ONE_OF' });
    }
    if (id != null) return isUuid(id) ? ctx.loaders.institutionById.load(id) : null;
    return ctx.loaders.institutionByCreditCode.load(creditCode!);
  }

  @Query(() => InstitutionConnection, { description: '机构列表（筛选、游标分页，按名称排序）/ Institutions, filtered, cursor-paginated, by name' })
  institutions(
    @Ctx() ctx: Context,
    @Arg('filter', () => InstitutionFilter, { nullable: true }) filter?: InstitutionFilter | null,
    @Arg('first', () => Int, { nullable: true, description: '每页条数（1-100，默认 20）/ Page size (1-100, default 20)' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' }) after?: string | null,
  ) {
    return listInstitutions(ctx.em, filter, first, after);
  }

  @Mutation(() => Institution, { description: '登记机构 / Register an institution' })
  async registerInstitution(@Ctx() ctx: Context, @Arg('input', () => RegisterInstitutionInput) input: RegisterInstitutionInput) {
    const institution = await registerInstitution(ctx.em, ctx.user, input);
    ctx.eventsCommitted();
    return institution;
  }

  @Mutation(() => Institution, { description: '更新机构信息（更名、迁址、联系方式等）/ Update an institution (rename, relocation, contacts …)' })
  async updateInstitution(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateInstitutionInput) input: UpdateInstitutionInput) {
    const institution = await updateInstitution(ctx.em, ctx.user, id, input);
    ctx.eventsCommitted();
    return institution;
  }

  @FieldResolver(() => Region, { description: '当前注册地区划 / Current registered region' })
  region(@Root() institution: Institution): Region {
    return findRegion(institution.regionCode) as Region;
  }

  @FieldResolver(() => [CreditRecord], { description: '信用记录（含已移出）/ Credit records, including removed ones' })
  creditRecords(@Root() institution: Institution, @Ctx() ctx: Context): Promise<CreditRecord[]> {
    return ctx.loaders.creditRecordsByInstitution.load(institution.id);
  }

  @FieldResolver(() => CreditStatus, { description: '截至某日（默认今天）近两年信用状况 / Credit standing over the two years up to a date (default today)' })
  async creditStatus(@Root() institution: Institution, @Ctx() ctx: Context, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null): Promise<CreditStatus> {
    const records = await ctx.loaders.creditRecordsByInstitution.load(institution.id);
    return cleanForTwoYears(records, asOf ?? chinaToday()) ? CreditStatus.CLEAN : CreditStatus.HAS_RECORD;
  }

  @FieldResolver(() => [AnnualFacts], { description: '年度情况（需权限），新年度在前 / Annual facts (restricted), newest first' })
  async annualFacts(@Root() institution: Institution, @Ctx() ctx: Context, @Arg('year', () => Int, { nullable: true }) year?: number | null): Promise<AnnualFacts[]> {
    requireNonPublic(ctx, institution);
    const facts = await ctx.loaders.annualFactsByInstitution.load(institution.id);
    return year == null ? facts : facts.filter((f) => f.year === year);
  }

  @FieldResolver(() => String, { nullable: true, description: '联系人（需权限）/ Contact person (restricted)' })
  contactPerson(@Root() institution: Institution, @Ctx() ctx: Context): string | null {
    requireNonPublic(ctx, institution);
    return institution.contactPerson;
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话（需权限）/ Contact phone (restricted)' })
  contactPhone(@Root() institution: Institution, @Ctx() ctx: Context): string | null {
    requireNonPublic(ctx, institution);
    return institution.contactPhone;
  }

  @FieldResolver(() => [AuditEntry], { description: '审计记录（需权限）/ Audit trail (restricted)' })
  auditTrail(@Root() institution: Institution, @Ctx() ctx: Context): Promise<AuditEntry[]> {
    requireNonPublic(ctx, institution);
    return ctx.loaders.auditTrail.load({ recordType: 'Institution', recordId: institution.id });
  }
}
