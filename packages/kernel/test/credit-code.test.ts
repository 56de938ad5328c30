import { checkCreditCode, composeCreditCode, creditCodeCheckCharacter } from '../src/credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '911100001000044477'])('accepts the valid code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true, warnings: expect.any(Array) });
  });

  it('refuses a wrong check character and names the expected one', () => {
    const result = checkCreditCode('91350100M000100Y4Z');
    expect(result).toMatchObject({ valid: false, rule: 'CHARSET' }); // Z is outside the alphabet
    const wrongCheck = checkCreditCode('91350100M000100Y44');
    expect(wrongCheck).toMatchObject({ valid: false, rule: 'CHECK_CHARACTER' });
    expect(wrongCheck.messageEn).toContain("should be '3'");
  });

  it.each([
    ['91350100M000100Y4', 'LENGTH'],
    ['91350100M000100Y433', 'LENGTH'],
    ['', 'LENGTH'],
    ['91350100M000100I43', 'CHARSET'],
    ['91350100m000100y43', 'CHARSET'],
    ['91350100M000100O43', 'CHARSET'],
    ['B1350100M000100Y43', 'REGISTRATION_AUTHORITY'],
    ['9135A100M000100Y43', 'DIVISION_CODE'],
  ])('refuses %s by rule %s', (code, rule) => {
    const result = checkCreditCode(code);
    expect(result.valid).toBe(false);
    expect(result.rule).toBe(rule);
    expect(result.messageZh).toBeTruthy();
    expect(result.messageEn).toBeTruthy();
  });

  it('maps a computed 31 to the character 0', () => {
    // Search for a prefix whose weighted sum is divisible by 31: its check character must be '0'.
    const prefix = '9114010000000000';
    const hit = [...'0123456789'].map((d) => prefix + d).find((p) => creditCodeCheckCharacter(p) === '0');
    expect(hit).toBeDefined();
    expect(checkCreditCode(`${hit}0`).valid).toBe(true);
  });

  it('warns, but does not refuse, on a GB 11714 organisation-code mismatch', () => {
    const composed = composeCreditCode('9', '1', '140105', 'MA0K1234');
    expect(checkCreditCode(composed)).toEqual({ valid: true, warnings: [] });
    const first17 = composed.slice(0, 16) + (composed[16] === '1' ? '2' : '1');
    const tampered = first17 + creditCodeCheckCharacter(first17);
    const result = checkCreditCode(tampered);
    expect(result.valid).toBe(true);
    expect(result.warnings).toHaveLength(1);
  });
});
