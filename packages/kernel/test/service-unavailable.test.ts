import { isUnavailableFailure } from '../src/service-unavailable';

describe('telling an outage from a refusal', () => {
  it.each([
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['a connection that ended while PostgreSQL stopped', new Error('Connection Error: Connection ended unexpectedly')],
    ['the server closing it', new Error('server closed the connection unexpectedly')],
    ['a shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a refused socket, wrapped', Object.assign(new Error('driver failed'), { previous: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })],
  ])('counts %s as the database being out of reach', (_what, error) => {
    expect(isUnavailableFailure(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('does not count %s', (_what, error) => {
    expect(isUnavailableFailure(error)).toBe(false);
  });
});
