import { ApolloServer } from '@apollo/server';
import { getIntrospectionQuery, type GraphQLFormattedError } from 'graphql';
import {
  queryLimitConfigFromEnv,
  queryLimits,
  resolveQueryLimitConfig,
  type QueryLimitConfig,
} from '../src/query-limits';

/** A context type of its own, to show the limits fit a server whose context is not the base one. */
interface TestContext {
  user?: string;
}

const typeDefs = /* GraphQL */ `
  type Query {
    node: Node
    items(first: Int, tags: [Int!]): [Node!]!
    ping: String
  }
  type Node {
    id: ID!
    name: String
    child: Node
  }
`;

interface NodeValue {
  id: string;
  name: string;
}

const resolvers = {
  Query: {
    node: (): NodeValue => ({ id: 'n', name: 'root' }),
    items: (_: unknown, args: { first?: number }): NodeValue[] =>
      Array.from({ length: Math.min(args.first ?? 10, 100) }, (_, i) => ({ id: `i${i}`, name: `item ${i}` })),
    ping: () => 'pong',
  },
  Node: {
    child: (parent: NodeValue): NodeValue => ({ id: `${parent.id}.c`, name: 'child' }),
  },
};

const servers: ApolloServer<TestContext>[] = [];

/** `withParseOptions: false` is a server built from the plugins and rules only. */
async function startServer(config: Partial<QueryLimitConfig> = {}, withParseOptions = true): Promise<ApolloServer<TestContext>> {
  const { plugins, validationRules, parseOptions } = queryLimits<TestContext>(config);
  const server = new ApolloServer<TestContext>({
    typeDefs,
    resolvers,
    plugins,
    validationRules,
    ...(withParseOptions ? { parseOptions } : {}),
  });
  await server.start();
  servers.push(server);
  return server;
}

interface Outcome {
  status: number | undefined;
  data: unknown;
  errors: readonly GraphQLFormattedError[];
}

async function run(server: ApolloServer<TestContext>, query: string): Promise<Outcome> {
  const response = await server.executeOperation({ query }, { contextValue: { user: 'analyst' } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const { data, errors } = response.body.singleResult;
  return { status: response.http.status, data, errors: errors ?? [] };
}

/** Field nesting of exactly `depth` levels: node, then child … child, then the leaf id. */
function nestedQuery(depth: number): string {
  return `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
}

function aliasQuery(aliases: number): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ping`).join(' ')} }`;
}

function directiveQuery(directives: number): string {
  return `{ ${Array.from({ length: directives }, () => 'ping @include(if: true)').join(' ')} }`;
}

/** 15 tokens of structure plus one per tag. */
function tokenQuery(tags: number): string {
  return `{ items(first: 1, tags: [${Array.from({ length: tags }, (_, i) => i + 1).join(' ')}]) { id } }`;
}

function expectRefused(outcome: Outcome, reason: string, message: string, limit: number, actual?: number): void {
  expect(outcome.status).toBe(400);
  expect(outcome.data).toBeUndefined();
  expect(outcome.errors).toHaveLength(1);
  const [error] = outcome.errors;
  expect(error.message).toBe(message);
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, limit });
  expect(error.extensions?.actual).toBe(actual);
  const [zh, en] = message.split(' / ');
  expect(error.extensions).toMatchObject({ messageZh: zh, messageEn: en });
}

function expectAccepted(outcome: Outcome): void {
  expect(outcome.errors).toEqual([]);
  expect(outcome.data).toBeDefined();
}

let server: ApolloServer<TestContext>;

beforeAll(async () => {
  server = await startServer({ blockFieldSuggestions: false });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe('depth', () => {
  test('12 levels pass', async () => {
    const outcome = await run(server, nestedQuery(12));
    expectAccepted(outcome);
    expect(JSON.stringify(outcome.data)).toContain('"id":"n.c.c.c.c.c.c.c.c.c.c"');
  });

  test('13 levels are refused', async () => {
    expectRefused(await run(server, nestedQuery(13)), 'QUERY_TOO_DEEP', '查询嵌套过深（最多 12 层） / Query depth 13 exceeds the limit of 12', 12, 13);
  });

  test('fragments add no levels of their own', async () => {
    const inner = `${'child { '.repeat(10)}id${' }'.repeat(10)}`;
    expectAccepted(await run(server, `query { node { ...Deep } } fragment Deep on Node { ... on Node { ${inner} } }`));
    const tooDeep = await run(server, `query { node { ...Deep } } fragment Deep on Node { child { ${inner} } }`);
    expect(tooDeep.errors[0].extensions).toMatchObject({ reason: 'QUERY_TOO_DEEP', actual: 13 });
  });

  test('the introspection query GraphiQL sends is not limited', async () => {
    expectAccepted(await run(server, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true })));
  });
});

describe('aliases', () => {
  test('15 pass', async () => {
    expectAccepted(await run(server, aliasQuery(15)));
  });

  test('16 are refused', async () => {
    expectRefused(await run(server, aliasQuery(16)), 'TOO_MANY_ALIASES', '查询使用的别名过多（最多 15 个） / Query alias count 16 exceeds the limit of 15', 15, 16);
  });
});

describe('cost', () => {
  test('a 100-row page passes', async () => {
    const outcome = await run(server, '{ items(first: 100) { id name child { id name } } }');
    expectAccepted(outcome);
    expect((outcome.data as { items: unknown[] }).items).toHaveLength(100);
  });

  test('asking for 1000 rows with nested objects is refused', async () => {
    // items: (object 2 + id 1 + name 1 + child (2 + 1 + 1)) × first 1000 = 8000
    expectRefused(
      await run(server, '{ items(first: 1000) { id name child { id name } } }'),
      'QUERY_TOO_COSTLY',
      '查询开销过大（上限 5000） / Query cost 8000 exceeds the limit of 5000',
      5000,
      8000,
    );
  });
});

describe('directives', () => {
  test('20 pass and 21 are refused', async () => {
    expectAccepted(await run(server, directiveQuery(20)));
    expectRefused(await run(server, directiveQuery(21)), 'TOO_MANY_DIRECTIVES', '查询使用的指令过多（最多 20 个） / Query directive count 21 exceeds the limit of 20', 20, 21);
  });
});

describe('tokens', () => {
  test('over 5000 tokens are refused while parsing', async () => {
    expectRefused(await run(server, tokenQuery(5000)), 'TOO_MANY_TOKENS', '查询文本过长（最多 5000 个词法单元） / Query token count exceeds the limit of 5000', 5000);
  });

  test('the limit holds exactly, at parse time and in validation', async () => {
    const parsing = await startServer({ maxTokens: 20 });
    const validating = await startServer({ maxTokens: 20 }, false);
    expectAccepted(await run(parsing, tokenQuery(5)));
    expectAccepted(await run(validating, tokenQuery(5)));
    expectRefused(await run(parsing, tokenQuery(6)), 'TOO_MANY_TOKENS', '查询文本过长（最多 20 个词法单元） / Query token count exceeds the limit of 20', 20);
    expectRefused(await run(validating, tokenQuery(6)), 'TOO_MANY_TOKENS', '查询文本过长（最多 20 个词法单元） / Query token count 21 exceeds the limit of 20', 20, 21);
    // Comments are not tokens, as in graphql-js's own count.
    expectAccepted(await run(validating, `# a comment of many words\n${tokenQuery(5)}`));
    expectAccepted(await run(parsing, `# a comment of many words\n${tokenQuery(5)}`));
  });
});

describe('other errors', () => {
  test('keep their own codes', async () => {
    const outcome = await run(server, '{ ping(');
    expect(outcome.errors[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown = await run(server, '{ nope }');
    expect(unknown.errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('field suggestions are shown in development and hidden in production', async () => {
    const shown = await run(server, '{ pnig }');
    expect(shown.errors[0].message).toContain('Did you mean "ping"?');
    const production = await startServer({ blockFieldSuggestions: true });
    const hidden = await run(production, '{ pnig }');
    expect(hidden.errors[0].message).toBe('Cannot query field "pnig" on type "Query". [Suggestion hidden]?');
  });
});

describe('configuration', () => {
  test('environment variables override the defaults, and explicit options override both', () => {
    const env = {
      NODE_ENV: 'production',
      QUERY_MAX_DEPTH: '8',
      QUERY_MAX_ALIASES: '5',
      QUERY_MAX_COST: '1000',
      QUERY_MAX_TOKENS: '800',
      QUERY_MAX_DIRECTIVES: '3',
      QUERY_MAX_BATCH: '4',
      QUERY_MAX_BATCH_COST: '2500',
    };
    expect(queryLimitConfigFromEnv(env)).toEqual({
      blockFieldSuggestions: true,
      maxDepth: 8,
      maxAliases: 5,
      maxCost: 1000,
      maxTokens: 800,
      maxDirectives: 3,
      maxBatchOperations: 4,
      maxBatchCost: 2500,
    });
    expect(resolveQueryLimitConfig({ maxDepth: 10, maxCost: undefined }, env)).toEqual({
      maxDepth: 10,
      maxAliases: 5,
      maxCost: 1000,
      maxTokens: 800,
      maxDirectives: 3,
      maxBatchOperations: 4,
      maxBatchCost: 2500,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1,
      blockFieldSuggestions: true,
    });
    expect(resolveQueryLimitConfig({}, {})).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxCost: 5000,
      maxTokens: 5000,
      maxDirectives: 20,
      maxBatchOperations: 10,
      maxBatchCost: 5000,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1,
      blockFieldSuggestions: false,
    });
  });

  test('a batch may cost what one operation may, unless QUERY_MAX_BATCH_COST says otherwise', () => {
    expect(resolveQueryLimitConfig({}, { QUERY_MAX_COST: '800' })).toMatchObject({ maxCost: 800, maxBatchCost: 800 });
    expect(resolveQueryLimitConfig({}, { QUERY_MAX_COST: '800', QUERY_MAX_BATCH_COST: '1600' })).toMatchObject({ maxCost: 800, maxBatchCost: 1600 });
    expect(() => queryLimitConfigFromEnv({ QUERY_MAX_BATCH: '0' })).toThrow('QUERY_MAX_BATCH must be a positive integer, got "0"');
  });

  test.each(['abc', '0', '-3', '1.5', '12 levels'])('a malformed value (%p) stops startup', (value) => {
    expect(() => queryLimitConfigFromEnv({ QUERY_MAX_DEPTH: value })).toThrow(`QUERY_MAX_DEPTH must be a positive integer, got "${value}"`);
  });

  test('a malformed explicit option stops startup too', () => {
    expect(() => resolveQueryLimitConfig({ maxAliases: 0 }, {})).toThrow('maxAliases must be a positive integer');
    expect(() => resolveQueryLimitConfig({ depthCostFactor: Number.NaN }, {})).toThrow('depthCostFactor must be a positive number');
  });

  test('queryLimits() reads process.env', async () => {
    const saved = process.env.QUERY_MAX_DEPTH;
    process.env.QUERY_MAX_DEPTH = '4';
    try {
      const shallow = await startServer();
      expectAccepted(await run(shallow, nestedQuery(4)));
      expectRefused(await run(shallow, nestedQuery(5)), 'QUERY_TOO_DEEP', '查询嵌套过深（最多 4 层） / Query depth 5 exceeds the limit of 4', 4, 5);
    } finally {
      if (saved === undefined) delete process.env.QUERY_MAX_DEPTH;
      else process.env.QUERY_MAX_DEPTH = saved;
    }
  });
});
