/**
 * 统一社会信用代码 (GB 32100-2015), SPEC §2.
 * 18 characters: 1 registration authority, 2 entity type, 3-8 administrative division code,
 * 9-17 organisation code (GB 11714), 18 check character over the first 17.
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, Z, S, V
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 附录: the registration authorities (登记管理部门) that issue codes. */
const REGISTRATION_AUTHORITIES: Record<string, string> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '市场监管（工商）',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

export type CreditCodeRule = 'LENGTH' | 'CHARSET' | 'REGISTRATION_AUTHORITY' | 'DIVISION_CODE' | 'CHECK_CHARACTER';

export interface CreditCodeCheck {
  valid: boolean;
  /** The first rule the code breaks (only when invalid). */
  rule?: CreditCodeRule;
  messageZh?: string;
  messageEn?: string;
  /** Positions 9-17 carry their own GB 11714 check digit; a mismatch is reported, not refused (SPEC §2). */
  warnings: string[];
}

/** The check character for the first 17 characters (which must already be in the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[c === 31 ? 0 : c];
}

/** GB 11714 organisation code check digit over its first 8 characters. */
export function organisationCodeCheckDigit(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    sum += value * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function refuse(rule: CreditCodeRule, zh: string, en: string): CreditCodeCheck {
  return { valid: false, rule, messageZh: zh, messageEn: en, warnings: [] };
}

export function checkCreditCode(value: string): CreditCodeCheck {
  if (value.length !== 18) {
    return refuse('LENGTH', `统一社会信用代码应为 18 位，实际 ${value.length} 位`, `A credit code has 18 characters, got ${value.length}`);
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(value[i])) {
      return refuse(
        'CHARSET',
        `第 ${i + 1} 位字符“${value[i]}”不合法（只允许数字和大写字母，不含 I、O、Z、S、V）`,
        `Character ${i + 1} '${value[i]}' is not allowed (digits and upper-case letters except I, O, Z, S, V)`,
      );
    }
  }
  if (!(value[0] in REGISTRATION_AUTHORITIES)) {
    return refuse('REGISTRATION_AUTHORITY', `第 1 位登记管理部门代码“${value[0]}”不存在`, `Registration authority '${value[0]}' (position 1) does not exist`);
  }
  if (!/^[0-9]{6}$/.test(value.slice(2, 8))) {
    return refuse('DIVISION_CODE', `第 3-8 位行政区划码“${value.slice(2, 8)}”应为 6 位数字`, `Positions 3-8 '${value.slice(2, 8)}' must be a six-digit division code`);
  }
  const expected = creditCodeCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return refuse('CHECK_CHARACTER', `校验码错误：第 18 位应为“${expected}”，实际为“${value[17]}”`, `Check character mismatch: position 18 should be '${expected}', got '${value[17]}'`);
  }
  const warnings: string[] = [];
  const organisation = value.slice(8, 17);
  if (/^[0-9A-Z]{8}[0-9X]$/.test(organisation) && organisationCodeCheckDigit(organisation.slice(0, 8)) !== organisation[8]) {
    warnings.push(`组织机构代码（第 9-17 位）校验位不符 / Organisation code (positions 9-17) check digit mismatch`);
  }
  return { valid: true, warnings };
}

/** Builds a valid code from its parts (demo data, tests): the organisation code gets its GB 11714 check digit. */
export function composeCreditCode(authority: string, entityType: string, division: string, organisationBody8: string): string {
  const first17 = `${authority}${entityType}${division}${organisationBody8}${organisationCodeCheckDigit(organisationBody8)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export const describeRegistrationAuthority = (code: string): string | undefined => REGISTRATION_AUTHORITIES[code[0]];
