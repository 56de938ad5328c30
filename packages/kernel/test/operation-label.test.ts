import { BATCH_OPERATIONS, OTHER_OPERATIONS, operationLabelLimitFromEnv, operationLabeller } from '../src/operation-label';
import { outcomeOfErrors, outcomeOfStatus, worseOutcome } from '../src/operation-outcome';

/**
 * The request metrics' `operationName` label has a bounded set of values whatever names clients send: known
 * operations always keep theirs, the first `limit` other names get one each, and everything past that, every
 * anonymous operation and every overlong name share `other`.
 */
describe('operation labels', () => {
  it('gives the first `limit` names a label each, then folds new names into `other`; a name seen before keeps its label', () => {
    const labelOf = operationLabeller({ limit: 2 });
    expect(labelOf(['First'])).toBe('First');
    expect(labelOf(['Second'])).toBe('Second');
    expect(labelOf(['Third'])).toBe(OTHER_OPERATIONS);
    expect(labelOf(['Fourth'])).toBe(OTHER_OPERATIONS);
    expect(labelOf(['First'])).toBe('First');
  });

  it('keeps known operations out of the allowance, so a flood of names cannot crowd them out', () => {
    const labelOf = operationLabeller({ known: ['InstitutionTrace'], limit: 1 });
    expect(labelOf(['Flood1'])).toBe('Flood1');
    expect(labelOf(['Flood2'])).toBe(OTHER_OPERATIONS);
    expect(labelOf(['InstitutionTrace'])).toBe('InstitutionTrace');
  });

  it('counts anonymous operations, requests with no operation and names over 100 characters as `other`, a batch as `batch`', () => {
    const labelOf = operationLabeller({ limit: 10 });
    expect(labelOf([null])).toBe(OTHER_OPERATIONS);
    expect(labelOf([])).toBe(OTHER_OPERATIONS);
    expect(labelOf(undefined)).toBe(OTHER_OPERATIONS);
    expect(labelOf(['A'.repeat(100)])).toBe('A'.repeat(100));
    expect(labelOf(['B'.repeat(101)])).toBe(OTHER_OPERATIONS);
    expect(labelOf(['One', 'Two'])).toBe(BATCH_OPERATIONS);
  });

  it("counts a subgraph's fetches under the client's operation (the query planner's `<operation>__<subgraph>__<n>`)", () => {
    const labelOf = operationLabeller({ limit: 1 });
    expect(labelOf(['InstitutionTrace__registry__0'])).toBe('InstitutionTrace');
    expect(labelOf(['InstitutionTrace__registry__3'])).toBe('InstitutionTrace');
    expect(labelOf(['Dashboard__shanxi_library__1'])).toBe(OTHER_OPERATIONS); // a second operation, past the limit of 1
  });

  it('reads METRICS_MAX_OPERATIONS at startup and refuses a malformed value', () => {
    expect(operationLabelLimitFromEnv({})).toBe(100);
    expect(operationLabelLimitFromEnv({ METRICS_MAX_OPERATIONS: '0' })).toBe(0);
    expect(operationLabelLimitFromEnv({ METRICS_MAX_OPERATIONS: '10000' })).toBe(10_000);
    for (const bad of ['-1', '1.5', 'many', '10001']) expect(() => operationLabelLimitFromEnv({ METRICS_MAX_OPERATIONS: bad })).toThrow(/METRICS_MAX_OPERATIONS/);
  });
});

describe('request outcomes', () => {
  it('calls a refusal (every error a SPEC §2 code) a client error, and anything else among the errors a server error', () => {
    expect(outcomeOfErrors(undefined)).toBe('success');
    expect(outcomeOfErrors([])).toBe('success');
    expect(outcomeOfErrors([{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }, { message: 'y', extensions: { code: 'FORBIDDEN' } }])).toBe('client_error');
    expect(outcomeOfErrors([{ message: 'x', extensions: { code: 'NOT_FOUND' } }, { message: 'y', extensions: { code: 'INTERNAL_SERVER_ERROR' } }])).toBe('server_error');
    expect(outcomeOfErrors([{ message: 'x', extensions: { code: 'SERVICE_UNAVAILABLE' } }])).toBe('server_error');
    expect(outcomeOfErrors([{ message: 'no code' }])).toBe('server_error');
  });

  it('reads an HTTP status, and keeps the worse of two outcomes', () => {
    expect([200, 399, 400, 401, 499, 500, 503].map(outcomeOfStatus)).toEqual(['success', 'success', 'client_error', 'client_error', 'client_error', 'server_error', 'server_error']);
    expect(worseOutcome(undefined, 'success')).toBe('success');
    expect(worseOutcome('client_error', 'success')).toBe('client_error');
    expect(worseOutcome('client_error', 'server_error')).toBe('server_error');
    expect(worseOutcome('server_error', 'client_error')).toBe('server_error');
  });
});
