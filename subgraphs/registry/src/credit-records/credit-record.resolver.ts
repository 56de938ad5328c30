import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CreditRecord } from './credit-record.entity';
import { AddCreditRecordInput, ClearCreditRecordInput } from './credit-record.inputs';
import { addCreditRecord, clearCreditRecord } from './credit-record.service';
import type { Context } from '../context';

@Resolver(() => CreditRecord)
export class CreditRecordResolver {
  @Mutation(() => CreditRecord, { description: '新增信用记录（各项目据此移出或撤销）/ Add a credit record (programmes remove or revoke on it)' })
  async addCreditRecord(@Ctx() ctx: Context, @Arg('input', () => AddCreditRecordInput) input: AddCreditRecordInput) {
    const record = await addCreditRecord(ctx.em, ctx.user, input);
    ctx.eventsCommitted();
    return record;
  }

  @Mutation(() => CreditRecord, { description: '移出信用记录 / Clear a credit record' })
  async clearCreditRecord(@Ctx() ctx: Context, @Arg('input', () => ClearCreditRecordInput) input: ClearCreditRecordInput) {
    const record = await clearCreditRecord(ctx.em, ctx.user, input);
    ctx.eventsCommitted();
    return record;
  }
}
