import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { chinaToday, connectionType } from '@sme/kernel';
import { fieldName, type LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { LibraryCategory } from '../categories';
import { Member } from '../members/member.entity';
import { ServiceOffering } from './service-offering.entity';
import { PublishOfferingInput } from './offering.inputs';
import { publishOffering, withdrawOffering } from './offerings.service';
import { listOfferings } from './offering-list';

export const LibraryOfferingConnection = connectionType(ServiceOffering, 'LibraryOffering', '服务产品与服务案例');

/** 第十三条（一） products and cases: the member publishes and withdraws; everyone reads. Two classes: fields of the offering, and of the membership. */
export function createOfferingResolvers(config: LibraryConfig) {
  const n = (suffix: string) => fieldName(config, suffix);

  @Resolver(() => ServiceOffering)
  class OfferingResolver {
    @Query(() => LibraryOfferingConnection, {
      name: n('LibraryOfferings'),
      description: '在库机构发布的服务产品与案例，新发布在前（公开，第十三条（一））/ Products and cases of members in the library, newest first (public, Art. 13(1))',
    })
    offerings(
      @Ctx() ctx: LibraryContext,
      @Arg('category', () => LibraryCategory, { nullable: true, description: '服务类别 / Category' }) category?: LibraryCategory | null,
      @Arg('first', () => Int, { nullable: true, description: '每页条数（1-100，默认 20）/ Page size (1-100, default 20)' }) first?: number | null,
      @Arg('after', () => String, { nullable: true, description: '上一页的 endCursor / endCursor of the previous page' }) after?: string | null,
    ) {
      return listOfferings(ctx.em, config, category, first, after);
    }

    @Mutation(() => ServiceOffering, { name: n('PublishLibraryOffering'), description: '发布服务产品或服务案例（第十三条（一））/ Publish a product or case (Art. 13(1))' })
    publish(@Ctx() ctx: LibraryContext, @Arg('input', () => PublishOfferingInput) input: PublishOfferingInput): Promise<ServiceOffering> {
      return publishOffering(ctx.em, config, ctx.user, input, chinaToday());
    }

    @Mutation(() => ServiceOffering, { name: n('WithdrawLibraryOffering'), description: '撤下已发布的服务产品或案例 / Withdraw a published product or case' })
    withdraw(@Ctx() ctx: LibraryContext, @Arg('id', () => ID) id: string): Promise<ServiceOffering> {
      return withdrawOffering(ctx.em, ctx.user, id, chinaToday());
    }

    @FieldResolver(() => Member, { description: '发布机构 / The member that published it' })
    async member(@Root() offering: ServiceOffering, @Ctx() ctx: LibraryContext): Promise<Member> {
      return (await ctx.loaders.member.load(offering.memberId))!;
    }
  }

  @Resolver(() => Member)
  class MemberOfferingsResolver {
    @FieldResolver(() => [ServiceOffering], { description: '发布的服务产品与案例，新发布在前（公开，第十三条（一））/ Published products and cases, newest first (public, Art. 13(1))' })
    async offerings(
      @Root() member: Member,
      @Ctx() ctx: LibraryContext,
      @Arg('includeWithdrawn', () => Boolean, { defaultValue: false, description: '包括已撤下的 / Include withdrawn items' }) includeWithdrawn: boolean,
    ): Promise<ServiceOffering[]> {
      const all = await ctx.loaders.offerings.load(member.id);
      return includeWithdrawn ? all : all.filter((o) => o.withdrawnOn == null);
    }
  }
  return [OfferingResolver, MemberOfferingsResolver];
}
