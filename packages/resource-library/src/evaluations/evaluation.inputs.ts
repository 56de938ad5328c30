import { Field, ID, InputType, Int } from 'type-graphql';
import { EvaluationRating } from './annual-evaluation.entity';

@InputType('RecordLibraryEvaluationInput', { description: '记录年度评价（第十二条）/ Record an annual evaluation (Art. 12)' })
export class RecordEvaluationInput {
  @Field(() => ID, { description: '入库机构 / Membership' })
  memberId: string;

  @Field(() => Int, { description: '评价年度（入库当年至今年）/ Year evaluated (from the admission year to this year)' })
  year: number;

  @Field(() => EvaluationRating, { description: '等次 / Rating' })
  rating: EvaluationRating;

  @Field({ description: '评价意见（定期评价和实地核查情况）/ Comments (periodic evaluation and on-site checks)' })
  comments: string;
}
