import { sqlStatementsHeaderOn } from '../src/request-context';

describe('the x-sql-statements header', () => {
  it('is sent outside production and withheld in production', () => {
    expect(sqlStatementsHeaderOn({ NODE_ENV: 'test' })).toBe(true);
    expect(sqlStatementsHeaderOn({})).toBe(true);
    expect(sqlStatementsHeaderOn({ NODE_ENV: 'production' })).toBe(false);
  });

  it('is sent in production only when SQL_STATEMENTS_HEADER=on (the benchmark), and can be turned off anywhere', () => {
    expect(sqlStatementsHeaderOn({ NODE_ENV: 'production', SQL_STATEMENTS_HEADER: 'on' })).toBe(true);
    expect(sqlStatementsHeaderOn({ NODE_ENV: 'production', SQL_STATEMENTS_HEADER: 'yes' })).toBe(false);
    expect(sqlStatementsHeaderOn({ NODE_ENV: 'test', SQL_STATEMENTS_HEADER: 'off' })).toBe(false);
  });
});
