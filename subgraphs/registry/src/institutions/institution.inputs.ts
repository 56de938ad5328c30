import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CreditCodeScalar, DateScalar } from '@sme/kernel';
import { LegalForm } from './legal-form';

@InputType({ description: '登记机构 / Register an institution' })
export class RegisterInstitutionInput {
  @Field(() => CreditCodeScalar, { description: '统一社会信用代码 / Unified social credit code' })
  creditCode: string;

  @Field({ description: '机构名称 / Name' })
  name: string;

  @Field(() => LegalForm, { description: '法人类型 / Legal form' })
  legalForm: LegalForm;

  @Field({ description: '注册地行政区划代码（市或县级）/ Registered region code (city or county)' })
  regionCode: string;

  @Field(() => DateScalar, { description: '成立日期 / Date of establishment' })
  establishedOn: string;

  @Field(() => String, { nullable: true, description: '注册地址 / Registered address' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '法定代表人 / Legal representative' })
  legalRepresentative?: string | null;

  @Field(() => String, { nullable: true, description: '联系人 / Contact person' })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话 / Contact phone' })
  contactPhone?: string | null;
}

@InputType({ description: '更新机构信息（只改给出的字段）/ Update an institution (only the fields given)' })
export class UpdateInstitutionInput {
  @Field(() => Int, { nullable: true, description: '预期版本号：与当前不符则 CONFLICT / Expected version: CONFLICT if it differs' })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: '机构名称（更名）/ Name (rename)' })
  name?: string | null;

  @Field(() => LegalForm, { nullable: true, description: '法人类型 / Legal form' })
  legalForm?: LegalForm | null;

  @Field(() => String, { nullable: true, description: '注册地行政区划代码（迁址）/ Registered region code (relocation)' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '注册地址 / Registered address' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '法定代表人 / Legal representative' })
  legalRepresentative?: string | null;

  @Field(() => String, { nullable: true, description: '联系人 / Contact person' })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话 / Contact phone' })
  contactPhone?: string | null;
}

export enum CreditStatus {
  CLEAN = 'CLEAN',
  HAS_RECORD = 'HAS_RECORD',
}
registerEnumType(CreditStatus, {
  name: 'CreditStatus',
  description: '近两年信用状况 / Credit standing over the last two years',
  valuesConfig: {
    CLEAN: { description: '近两年无信用记录 / No record active in the last two years' },
    HAS_RECORD: { description: '近两年有信用记录 / A record active in the last two years' },
  },
});

@InputType({ description: '机构筛选条件 / Institution filter' })
export class InstitutionFilter {
  @Field(() => String, { nullable: true, description: '行政区划（含下级）/ Region code, including everything under it' })
  regionCode?: string | null;

  @Field(() => LegalForm, { nullable: true, description: '法人类型 / Legal form' })
  legalForm?: LegalForm | null;

  @Field(() => String, { nullable: true, description: '名称包含 / Name contains' })
  nameContains?: string | null;

  @Field(() => CreditStatus, { nullable: true, description: '近两年信用状况（以今天为准）/ Credit standing over the two years up to today' })
  creditStatus?: CreditStatus | null;

  @Field(() => [ID], { nullable: true, description: '机构标识列表 / Institution ids' })
  ids?: string[] | null;
}
