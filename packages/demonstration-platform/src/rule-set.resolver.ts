import { Arg, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { DateScalar, chinaToday } from '@sme/kernel';
import { fieldName, type PlatformProgrammeConfig } from './programme-config';
import { inForcePeriod, ruleSetLabel, type RuleSet } from './rule-set';
import { ruleSetInForce } from './rule-set-in-force';

@Directive('@shareable')
@ObjectType('PlatformRuleSet', { description: '认定规则（文件、有效期）/ A rule set: its document and dates' })
export class RuleSetInfo {
  @Field({ description: '规则标识 / Rule set id' }) id: string;
  @Field({ description: '文件（文号与名称）/ Document' }) document: string;
  @Field(() => String, { nullable: true, description: '文号 / Document number' }) documentNumber: string | null;
  @Field(() => DateScalar, { nullable: true, description: '适用起始日（含）/ Applies from' }) inForceFrom: string | null;
  @Field(() => DateScalar, { nullable: true, description: '适用截止日（含；空为长期）/ Applies through (null: open-ended)' }) inForceUntil: string | null;
  @Field({ description: '规定有效期的条款 / Article setting the dates' }) article: string;
  @Field(() => String, { nullable: true, description: '日期的配置说明（文件未载明时）/ Why a date was chosen where the document gives none' }) configurationNote: string | null;
}

const info = (r: RuleSet): RuleSetInfo => {
  const { from, until } = inForcePeriod(r);
  const note = r.validity.configurationNote;
  return {
    id: r.id, document: ruleSetLabel(r), documentNumber: r.document.number, inForceFrom: from, inForceUntil: until,
    article: `${r.abbreviation} ${r.validity.article}`, configurationNote: note ? `${note.zh} / ${note.en}` : null,
  };
};

/** The rule sets a programme judges by (SPEC §1: rules are data), public. */
export function createRuleSetResolver(config: PlatformProgrammeConfig) {
  @Resolver()
  class RuleSetResolver {
    @Query(() => [RuleSetInfo], { name: fieldName(config, 'PlatformRuleSets'), description: '认定规则及其适用期间（公开）/ The rule sets and when they apply (public)' })
    ruleSets(): RuleSetInfo[] {
      return config.ruleSets.map(info);
    }

    @Query(() => RuleSetInfo, { name: fieldName(config, 'PlatformRuleSetInForce'), nullable: true, description: '某日适用的认定规则（无则报 NO_RULE_SET_IN_FORCE）/ The rule set in force on a date' })
    inForce(@Arg('on', () => DateScalar, { nullable: true, description: '日期（默认今天）/ Date (default today)' }) on?: string | null): RuleSetInfo {
      return info(ruleSetInForce(config.ruleSets, config.provinceCode, on ?? chinaToday()));
    }
  }
  return RuleSetResolver;
}
