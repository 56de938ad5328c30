import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, print } from 'graphql';
import {
  PERSISTED_OPERATIONS_MANIFEST,
  buildManifest,
  documentHash,
  gatewayFolder,
  loadManifest,
  manifestJson,
  readPersistedOperationSources,
} from '../src/persisted-operation-manifest';
import { persistedOperationsModeFromEnv } from '../src/persisted-operations';
import { startGateway } from '../src/server';

/**
 * The committed manifest is what the folder of `.graphql` files gives (as test/composition.test.ts checks the
 * supergraph), its keys are the hashes clients compute, and a broken file or manifest stops the gateway.
 */

const committedManifest = () => fs.readFileSync(path.join(gatewayFolder(), PERSISTED_OPERATIONS_MANIFEST), 'utf8');

let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'persisted-operations-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the manifest', () => {
  test('is up to date with gateway/persisted-operations/ (else run node gateway/dist/src/write-persisted-operations.js)', () => {
    const sources = readPersistedOperationSources();
    expect(sources.map((source) => source.operationName)).toEqual(['CrossProvinceStatistics', 'DashboardFigures', 'ExpiringDesignations', 'OverdueDuties']);
    expect(committedManifest()).toBe(manifestJson(buildManifest(sources)));
  });

  test('keys each document by the sha256 a client computes from the printed operation (Apollo Client’s link hashes print(document))', () => {
    const manifest = loadManifest();
    expect(manifest.size).toBe(4);
    for (const [hash, document] of manifest) {
      expect(print(parse(document))).toBe(document);
      expect(documentHash(document)).toBe(hash);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test('a manifest entry whose key is not its document’s hash is refused when the manifest is loaded', () => {
    const [[hash, document]] = [...loadManifest()];
    const tampered = path.join(scratch, 'manifest.json');
    fs.writeFileSync(tampered, JSON.stringify({ [hash]: document.replace('totalCount', 'id') }));
    expect(() => loadManifest(tampered)).toThrow(`the entry ${hash} is not the sha256 of its document`);
  });
});

describe('an operation file', () => {
  const write = (name: string, text: string) => fs.writeFileSync(path.join(scratch, name), text);

  test('gives its title, example variables and printed document', () => {
    write('a.graphql', '# 示例 / Example\n# variables: {"code": "140000"}\nquery Example($code: String!) {\n  region(code: $code) { name } # the province\n}\n');
    expect(readPersistedOperationSources(scratch)).toEqual([
      {
        file: 'a.graphql',
        title: '示例 / Example',
        variables: { code: '140000' },
        operationName: 'Example',
        document: 'query Example($code: String!) {\n  region(code: $code) {\n    name\n  }\n}',
      },
    ]);
  });

  test.each([
    ['no title', 'query A { __typename }', 'the first line must be a "# 名称 / Name" comment'],
    ['an anonymous operation', '# A\n{ __typename }', 'a persisted file holds exactly one named operation'],
    ['two operations', '# A\nquery A { __typename }\nquery B { __typename }', 'a persisted file holds exactly one named operation'],
    ['variables that are not JSON', '# A\n# variables: {year: 2025}\nquery A { __typename }', 'the variables line is not JSON'],
  ])('with %s stops the script and the gateway', (_case, text, message) => {
    write('broken.graphql', text);
    expect(() => readPersistedOperationSources(scratch)).toThrow(message);
  });

  test('may not reuse another file’s operation name', () => {
    write('a.graphql', '# A\nquery Same { __typename }');
    write('b.graphql', '# B\nquery Same { kind: __typename }');
    expect(() => readPersistedOperationSources(scratch)).toThrow('operation name Same is used by another file');
  });
});

describe('the mode', () => {
  test('is allow unless PERSISTED_OPERATIONS says otherwise', () => {
    expect(persistedOperationsModeFromEnv({})).toBe('allow');
    expect(persistedOperationsModeFromEnv({ NODE_ENV: 'production' })).toBe('allow');
    expect(persistedOperationsModeFromEnv({ PERSISTED_OPERATIONS: 'require' })).toBe('require');
    expect(persistedOperationsModeFromEnv({ PERSISTED_OPERATIONS: 'off' })).toBe('off');
  });

  test('a malformed PERSISTED_OPERATIONS stops the gateway at startup', async () => {
    await expect(startGateway({ env: { PERSISTED_OPERATIONS: 'required' } })).rejects.toThrow('PERSISTED_OPERATIONS must be one of off, allow, require, got "required"');
  });
});
