import { registerEnumType } from 'type-graphql';

/** SPEC §6 LibraryMembership.status. */
export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  NOTIFIED = 'NOTIFIED',
  REMOVED = 'REMOVED',
}
registerEnumType(MemberStatus, {
  name: 'LibraryMemberStatus',
  description: '入库机构状态 / Member status',
  valuesConfig: {
    ACTIVE: { description: '在库 / Active member' },
    NOTIFIED: { description: '在库，因连续 2 个周期未报送被通报（第十条）/ Member under notice for 2 missed reporting periods (Art. 10)' },
    REMOVED: { description: '已移出 / Removed' },
  },
});

/** Why a member left the library; the grounds of 第十二条's second paragraph carry the 2-year re-entry ban. */
export enum RemovalGround {
  MISSED_REPORTS = 'MISSED_REPORTS',
  NO_LONGER_QUALIFIES = 'NO_LONGER_QUALIFIES',
  EVALUATION_FAILED = 'EVALUATION_FAILED',
  CREDIT_RECORD = 'CREDIT_RECORD',
  TAX_VIOLATION = 'TAX_VIOLATION',
  LEGAL_REPRESENTATIVE_RECORD = 'LEGAL_REPRESENTATIVE_RECORD',
  DATA_FALSIFICATION = 'DATA_FALSIFICATION',
}
registerEnumType(RemovalGround, {
  name: 'LibraryRemovalGround',
  description: '移出依据 / Ground for removal',
  valuesConfig: {
    MISSED_REPORTS: { description: '连续 3 个周期未报送服务情况（第十条）/ Three consecutive missed quarterly reports (Art. 10)' },
    NO_LONGER_QUALIFIES: { description: '重大变化后不再符合入库条件（第十一条）/ No longer qualifies after a major change (Art. 11)' },
    EVALUATION_FAILED: { description: '年度评价不符合要求，经会议研究移出（第十二条）/ Failed the annual evaluation (Art. 12)' },
    CREDIT_RECORD: { description: '被列入失信被执行人、严重失信主体名单、异常经营名录（第十二条，2 年内不得再次入库）/ Credit blacklisting (Art. 12; 2-year ban)' },
    TAX_VIOLATION: { description: '税收违法黑名单或偷税漏税（第十二条，2 年内不得再次入库）/ Tax blacklist or evasion (Art. 12; 2-year ban)' },
    LEGAL_REPRESENTATIVE_RECORD: { description: '法人存在失信、违法记录（第十二条，2 年内不得再次入库）/ Legal representative’s record (Art. 12; 2-year ban)' },
    DATA_FALSIFICATION: { description: '数据造假、夸大成效（第十二条，2 年内不得再次入库）/ Data falsification (Art. 12; 2-year ban)' },
  },
});

/** 第十二条 第二款: 直接移出，且至少 2 年内不得再次入库. */
export const BANNING_GROUNDS: ReadonlySet<RemovalGround> = new Set([
  RemovalGround.CREDIT_RECORD,
  RemovalGround.TAX_VIOLATION,
  RemovalGround.LEGAL_REPRESENTATIVE_RECORD,
  RemovalGround.DATA_FALSIFICATION,
]);

/** The registry's credit record kinds (SPEC §2) → the 第十二条 ground they are. Every kind removes directly. */
export const GROUND_OF_CREDIT_KIND: Readonly<Record<string, RemovalGround>> = {
  DISHONEST_JUDGMENT_DEBTOR: RemovalGround.CREDIT_RECORD,
  SERIOUS_DISHONESTY_LIST: RemovalGround.CREDIT_RECORD,
  ABNORMAL_OPERATION: RemovalGround.CREDIT_RECORD,
  MAJOR_TAX_VIOLATION: RemovalGround.TAX_VIOLATION,
  TAX_EVASION: RemovalGround.TAX_VIOLATION,
  LEGAL_REPRESENTATIVE_RECORD: RemovalGround.LEGAL_REPRESENTATIVE_RECORD,
  DATA_FALSIFICATION: RemovalGround.DATA_FALSIFICATION,
};
