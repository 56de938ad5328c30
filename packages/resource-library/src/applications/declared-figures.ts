import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';

/**
 * The figures an application relies on (第六条（四）（五）（六）), declared for the year before the
 * application ("上年度", "近一年来"). Reviewers see them beside the registry's figures for the same year.
 */
@Directive('@shareable')
@ObjectType('LibraryDeclaredFigures', { description: '申报数据（第六条）/ Declared figures (Art. 6)' })
export class DeclaredFigures {
  @Field(() => Int, { nullable: true, description: '数据所属年度（应为上年度）/ Year the figures are for (the previous year)' })
  year: number | null = null;

  @Field(() => Int, { nullable: true, description: '合作的副高级以上或同等水平专家（人）/ Cooperating senior experts' })
  seniorExperts: number | null = null;

  @Field(() => Int, { nullable: true, description: '相关专家（人）/ Related experts' })
  relatedExperts: number | null = null;

  @Field(() => Int, { nullable: true, description: '签有合作协议的合作机构（个）/ Partner agencies with agreements' })
  partnerAgencies: number | null = null;

  @Field(() => Float, { nullable: true, description: '自有服务场所面积（m²）/ Owned service floor area (m²)' })
  floorAreaOwned: number | null = null;

  @Field(() => Float, { nullable: true, description: '租赁服务场所面积（m²）/ Rented service floor area (m²)' })
  floorAreaRented: number | null = null;

  @Field(() => Float, { nullable: true, description: '总资产（万元）/ Total assets (10k CNY)' })
  totalAssets: number | null = null;

  @Field(() => Int, { nullable: true, description: '近一年服务中小企业（家）/ SMEs served in the year' })
  smesServed: number | null = null;

  @Field(() => Int, { nullable: true, description: '点对点服务企业（家）/ Enterprises served point-to-point' })
  pointToPointServed: number | null = null;
}

@InputType('LibraryDeclaredFiguresInput', { description: '申报数据（第六条）/ Declared figures (Art. 6)' })
export class DeclaredFiguresInput {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) seniorExperts?: number | null;
  @Field(() => Int, { nullable: true }) relatedExperts?: number | null;
  @Field(() => Int, { nullable: true }) partnerAgencies?: number | null;
  @Field(() => Float, { nullable: true }) floorAreaOwned?: number | null;
  @Field(() => Float, { nullable: true }) floorAreaRented?: number | null;
  @Field(() => Float, { nullable: true }) totalAssets?: number | null;
  @Field(() => Int, { nullable: true }) smesServed?: number | null;
  @Field(() => Int, { nullable: true }) pointToPointServed?: number | null;
}

/** Field → how it is checked: counts are whole numbers, areas and money are amounts (both never negative). */
export const DECLARED_FIELDS = {
  seniorExperts: 'count',
  relatedExperts: 'count',
  partnerAgencies: 'count',
  floorAreaOwned: 'amount',
  floorAreaRented: 'amount',
  totalAssets: 'amount',
  smesServed: 'count',
  pointToPointServed: 'count',
} as const;

export type DeclaredField = keyof typeof DECLARED_FIELDS;

/** 第六条（一）（三）（七）: what no figure can show; the applicant attests, the reviewer judges. */
@Directive('@shareable')
@ObjectType('LibraryAttestations', { description: '申请人承诺（第六条（一）（三）（七））/ Attestations (Art. 6 (1)(3)(7))' })
export class Attestations {
  @Field({ description: '拥护党的领导、诚信守法等政治与社会责任承诺（第六条（一））/ Political and social responsibility (Art. 6(1))' })
  politicalCommitment: boolean = false;

  @Field({ description: '具备专业服务能力与明确服务方向（第六条（三））/ Professional service capability (Art. 6(3))' })
  serviceCapability: boolean = false;

  @Field({ description: '法定代表人诚信、守法、无不良信用承诺（第六条（七））/ Legal representative’s integrity pledge (Art. 6(7))' })
  legalRepresentativePledge: boolean = false;
}

@InputType('LibraryAttestationsInput', { description: '申请人承诺 / Attestations' })
export class AttestationsInput {
  @Field({ nullable: true }) politicalCommitment?: boolean;
  @Field({ nullable: true }) serviceCapability?: boolean;
  @Field({ nullable: true }) legalRepresentativePledge?: boolean;
}
