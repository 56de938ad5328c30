import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { AnnualFacts } from './annual-facts.entity';
import { RecordAnnualFactsInput } from './annual-facts.inputs';
import { recordAnnualFacts } from './annual-facts.service';
import type { Context } from '../context';

@Resolver(() => AnnualFacts)
export class AnnualFactsResolver {
  @Mutation(() => AnnualFacts, { description: '记录（或更正）某年度情况 / Record (or correct) one year’s facts' })
  async recordAnnualFacts(@Ctx() ctx: Context, @Arg('input', () => RecordAnnualFactsInput) input: RecordAnnualFactsInput) {
    const facts = await recordAnnualFacts(ctx.em, ctx.user, input);
    ctx.eventsCommitted();
    return facts;
  }
}
