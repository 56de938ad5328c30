import { registerEnumType } from 'type-graphql';

/** SPEC §2 Credit records; the programmes decide which kinds remove a member (e.g. 资源库 第十二条). */
export enum CreditRecordKind {
  DISHONEST_JUDGMENT_DEBTOR = 'DISHONEST_JUDGMENT_DEBTOR',
  SERIOUS_DISHONESTY_LIST = 'SERIOUS_DISHONESTY_LIST',
  ABNORMAL_OPERATION = 'ABNORMAL_OPERATION',
  MAJOR_TAX_VIOLATION = 'MAJOR_TAX_VIOLATION',
  TAX_EVASION = 'TAX_EVASION',
  LEGAL_REPRESENTATIVE_RECORD = 'LEGAL_REPRESENTATIVE_RECORD',
  DATA_FALSIFICATION = 'DATA_FALSIFICATION',
}

registerEnumType(CreditRecordKind, {
  name: 'CreditRecordKind',
  description: '信用记录类型 / Kind of credit record',
  valuesConfig: {
    DISHONEST_JUDGMENT_DEBTOR: { description: '失信被执行人 / Dishonest judgment debtor' },
    SERIOUS_DISHONESTY_LIST: { description: '严重失信主体名单 / Serious dishonesty list' },
    ABNORMAL_OPERATION: { description: '经营异常名录 / List of abnormal operations' },
    MAJOR_TAX_VIOLATION: { description: '重大税收违法失信主体 / Major tax violation (tax blacklist)' },
    TAX_EVASION: { description: '偷税漏税 / Tax evasion' },
    LEGAL_REPRESENTATIVE_RECORD: { description: '法定代表人失信记录 / Legal representative’s own record' },
    DATA_FALSIFICATION: { description: '审核中发现数据造假 / Data falsification found in review' },
  },
});
