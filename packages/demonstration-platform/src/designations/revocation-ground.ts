import { registerEnumType } from 'type-graphql';

/** Why a designation was revoked (鲁 第二十四条、第二十五条, 宁 第十七条、第十九条; a credit record: SPEC §1). */
export enum RevocationGround {
  /** 有效期内有违法违规等行为，一经查实 (鲁 第二十四条, 宁 第十七条) */
  VIOLATION = 'VIOLATION',
  /** 市级检查不合格，提出撤销申请，经查实 (鲁 第二十五条) */
  INSPECTION_FAILED = 'INSPECTION_FAILED',
  /** 服务绩效考核不合格 (宁 第十九条) */
  ASSESSMENT_FAILED = 'ASSESSMENT_FAILED',
  /** 登记库发布的信用记录（失信、严重违法、经营异常、税收违法）/ a credit record from the registry */
  CREDIT_RECORD = 'CREDIT_RECORD',
}

registerEnumType(RevocationGround, {
  name: 'PlatformRevocationGround',
  description: '撤销依据 / Ground for revocation',
  valuesConfig: {
    VIOLATION: { description: '违法违规行为经查实（鲁 第二十四条，宁 第十七条）/ A violation, established' },
    INSPECTION_FAILED: { description: '市级检查不合格、申请撤销经查实（鲁 第二十五条）/ Failed city inspection, revocation requested and established' },
    ASSESSMENT_FAILED: { description: '服务绩效考核不合格（宁 第十九条）/ Failed the annual performance assessment' },
    CREDIT_RECORD: { description: '登记库信用记录（失信等）/ A credit record published by the registry' },
  },
});

/** Grounds that are violations under 鲁 第二十四条 and bring the ban (3 年内不得申报) where the rule set has one. */
export const BANNING_GROUNDS: ReadonlySet<RevocationGround> = new Set([RevocationGround.VIOLATION, RevocationGround.INSPECTION_FAILED, RevocationGround.CREDIT_RECORD]);
