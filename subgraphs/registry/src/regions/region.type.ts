import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Region as RegionRecord, RegionKind, RegionLevel } from '@sme/kernel';

export enum RegionLevelEnum {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}
registerEnumType(RegionLevelEnum, { name: 'RegionLevel', description: '区划层级 / Region level' });

export enum RegionKindEnum {
  DIVISION = 'DIVISION',
  DEVELOPMENT_ZONE = 'DEVELOPMENT_ZONE',
  SPECIAL_UNIT = 'SPECIAL_UNIT',
}
registerEnumType(RegionKindEnum, {
  name: 'RegionKind',
  description: '区划类别 / Region kind',
  valuesConfig: {
    DIVISION: { description: 'GB/T 2260 行政区划 / GB/T 2260 division' },
    DEVELOPMENT_ZONE: { description: '开发区（统计用区划代码）/ Development zone (statistical code)' },
    SPECIAL_UNIT: { description: '视同设区市推荐的单位 / Unit that recommends like a city' },
  },
});

/** 行政区划 (GB/T 2260), with the programmes' special recommending units (SPEC §2 Regions). */
@ObjectType({ description: '行政区划 / Region (GB/T 2260)' })
export class Region implements Omit<RegionRecord, 'level' | 'kind'> {
  @Field({ description: '六位区划代码 / Six-digit code' })
  code: string;

  @Field({ description: '名称 / Name' })
  name: string;

  @Field(() => RegionLevelEnum, { description: '层级 / Level' })
  level: RegionLevel & RegionLevelEnum;

  @Field(() => RegionKindEnum, { description: '类别 / Kind' })
  kind: RegionKind & RegionKindEnum;

  @Field(() => String, { nullable: true, description: '上级（推荐链上的上级单位）/ Parent in the review chain' })
  parentCode: string | null;

  @Field({ description: '所属省级代码 / Province code' })
  provinceCode: string;

  @Field({ description: '是否视同设区市推荐 / Recommends like a city' })
  actsAsCity: boolean;

  @Field({ description: '是否山区（宁夏 第六条放宽）/ Mountainous (Ningxia 第六条 relaxation)' })
  mountainous: boolean;

  @Field({ description: '是否本系统自定代码（非 GB/T 2260）/ Local code, not GB/T 2260' })
  localCode: boolean;

  @Field(() => String, { nullable: true, description: '说明 / Note' })
  note: string | null;
}
