import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@sme/kernel';
import { FunctionAttestation, FunctionMeasure, PlatformFunction, PriorRecognitionKind } from '../graphql-enums';
import type { DeclaredPlatformFigures, FunctionDeclaration, PriorRecognition } from '../eligibility-input';

/**
 * What an application declares (鲁 第十四条、第十五条, 宁 第六条、第七条): the basic figures, the functions with their
 * yearly figures and attestations, the prior recognitions on record. Stored as JSON on the application; the
 * eligibility judge reads them through `eligibilityInput` (application-eligibility.ts).
 */

@Directive('@shareable')
@ObjectType('PlatformServedInYear', { description: '某年服务中小企业数 / SMEs served in one year' })
export class ServedInYearRecord {
  @Field(() => Int, { description: '年度 / Year' }) year: number;
  @Field(() => Int, { description: '服务中小企业（家）/ SMEs served' }) smesServed: number;
}

@InputType('PlatformServedInYearInput')
export class ServedInYearInput {
  @Field(() => Int) year: number;
  @Field(() => Int) smesServed: number;
}

@Directive('@shareable')
@ObjectType('PlatformDeclaredFigures', { description: '申报的基本条件数据 / Declared basic figures' })
export class DeclaredFigures implements DeclaredPlatformFigures {
  @Field(() => Int, { nullable: true, description: '数据所属年度（上一完整年度）/ Year the figures are for' }) figuresYear: number | null = null;
  @Field(() => Float, { nullable: true, description: '资产总额（万元）/ Total assets (10k CNY)' }) totalAssets: number | null = null;
  @Field(() => [ServedInYearRecord], { description: '近年服务中小企业数（逐年）/ SMEs served, year by year' }) servedByYear: ServedInYearRecord[] = [];
  @Field(() => Float, { nullable: true, description: '用户满意度（%）/ User satisfaction (%)' }) satisfactionPercent: number | null = null;
  @Field(() => Int, { nullable: true, description: '集聚服务机构（家）/ Aggregated service agencies' }) aggregatedAgencies: number | null = null;
  @Field(() => Float, { nullable: true, description: '公益性或低收费服务占比（%）/ Public-welfare or low-fee share (%)' }) publicWelfareSharePercent: number | null = null;
  @Field(() => Int, { nullable: true, description: '从事中小企业服务的人员（山东计专职）/ Service staff (Shandong: full-time)' }) serviceStaff: number | null = null;
  @Field(() => Int, { nullable: true, description: '其中大专以上学历和中级以上职称人员 / Of whom qualified' }) qualifiedServiceStaff: number | null = null;
}

@InputType('PlatformDeclaredFiguresInput', { description: '申报的基本条件数据（未填的保持不变）/ Declared basic figures (omitted ones unchanged)' })
export class DeclaredFiguresInput {
  @Field(() => Int, { nullable: true }) figuresYear?: number | null;
  @Field(() => Float, { nullable: true }) totalAssets?: number | null;
  @Field(() => [ServedInYearInput], { nullable: true }) servedByYear?: ServedInYearInput[] | null;
  @Field(() => Float, { nullable: true }) satisfactionPercent?: number | null;
  @Field(() => Int, { nullable: true }) aggregatedAgencies?: number | null;
  @Field(() => Float, { nullable: true }) publicWelfareSharePercent?: number | null;
  @Field(() => Int, { nullable: true }) serviceStaff?: number | null;
  @Field(() => Int, { nullable: true }) qualifiedServiceStaff?: number | null;
}

@Directive('@shareable')
@ObjectType('PlatformFunctionFigure', { description: '功能指标数值 / A function figure' })
export class FunctionFigure {
  @Field(() => FunctionMeasure, { description: '指标 / Measure' }) measure: FunctionMeasure;
  @Field(() => Float, { description: '数值 / Value' }) value: number;
}

@InputType('PlatformFunctionFigureInput')
export class FunctionFigureInput {
  @Field(() => FunctionMeasure) measure: FunctionMeasure;
  @Field(() => Float) value: number;
}

@Directive('@shareable')
@ObjectType('PlatformFunctionDeclaration', { description: '申报的服务功能 / A declared service function' })
export class FunctionDeclarationRecord {
  @Field(() => PlatformFunction, { description: '功能 / Function' }) function: PlatformFunction;
  @Field(() => [FunctionFigure], { description: '上年度指标 / Figures of the last year' }) figures: FunctionFigure[];
  @Field(() => [FunctionAttestation], { description: '承诺具备（由评审核验）/ Attested (checked by the review)' }) attested: FunctionAttestation[];
}

@InputType('PlatformFunctionDeclarationInput')
export class FunctionDeclarationInput {
  @Field(() => PlatformFunction) function: PlatformFunction;
  @Field(() => [FunctionFigureInput]) figures: FunctionFigureInput[];
  @Field(() => [FunctionAttestation]) attested: FunctionAttestation[];
}

@Directive('@shareable')
@ObjectType('PlatformPriorRecognition', { description: '已获认定（鲁 第十四条（四））/ A prior recognition on record' })
export class PriorRecognitionRecord {
  @Field(() => PriorRecognitionKind, { description: '类型 / Kind' }) kind: PriorRecognitionKind;
  @Field({ description: '认定单位 / Issuer' }) issuer: string;
  @Field({ description: '认定文号 / Document number' }) documentNumber: string;
  @Field(() => DateScalar, { description: '认定日期 / Date recognised' }) recognisedOn: string;
}

@InputType('PlatformPriorRecognitionInput')
export class PriorRecognitionInput {
  @Field(() => PriorRecognitionKind) kind: PriorRecognitionKind;
  @Field() issuer: string;
  @Field() documentNumber: string;
  @Field(() => DateScalar) recognisedOn: string;
}

/** The engine's input shape of the stored functions (figures as a record). */
export const functionDeclarations = (functions: readonly FunctionDeclarationRecord[]): FunctionDeclaration[] =>
  functions.map((f) => ({ function: f.function, attested: f.attested, figures: Object.fromEntries(f.figures.map((x) => [x.measure, x.value])) }));

export const priorRecognitions = (records: readonly PriorRecognitionRecord[]): PriorRecognition[] =>
  records.map((r) => ({ kind: r.kind, issuer: r.issuer, recognisedOn: r.recognisedOn }));
