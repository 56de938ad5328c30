import { Kind, parse, parseType, print, visit, type DocumentNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { committedSupergraph, subgraphSdls, type SubgraphSdl } from '@sme/devtools';
import { analyseSchemaChange, checkSchema, judgeSchemaChange } from '../packages/devtools/src/schema-check';
import { formatSchemaCheckReport } from '../packages/devtools/src/schema-check-report';
import { knownClientOperations, operationsInDocument, type ClientOperation } from '../packages/devtools/src/client-operations';
import { operationUsage } from '../packages/devtools/src/operation-usage';

/**
 * The committed `supergraph.graphql` is the artifact gateways deploy: composition must pass, and the file must
 * be what composing today's subgraphs gives (run `npm run compose` after a schema change). The same check,
 * fed SDL changed in memory (no subgraph file is touched), is what `npm run check:schema` tells a team.
 */

/** A subgraph's SDL edited as a document; the edit must change something, so a test cannot pass on a no-op. */
function edited(sdls: readonly SubgraphSdl[], subgraph: string, edit: (document: DocumentNode) => DocumentNode): SubgraphSdl[] {
  return sdls.map((s) => {
    if (s.name !== subgraph) return s;
    const before = print(parse(s.sdl));
    const after = print(edit(parse(s.sdl)));
    if (after === before) throw new Error(`the edit of ${subgraph} changed nothing`);
    return { ...s, sdl: after };
  });
}

const withoutField = (type: string, field: string) => (document: DocumentNode) =>
  visit(document, {
    ObjectTypeDefinition(node) {
      return node.name.value === type ? { ...node, fields: node.fields?.filter((f) => f.name.value !== field) } : undefined;
    },
  });

const withField = (type: string, fieldSdl: string) => (document: DocumentNode) => {
  const definition = parse(`type X { ${fieldSdl} }`).definitions[0];
  const added = definition.kind === Kind.OBJECT_TYPE_DEFINITION ? (definition.fields ?? []) : [];
  return visit(document, {
    ObjectTypeDefinition(node) {
      return node.name.value === type ? { ...node, fields: [...(node.fields ?? []), ...added] } : undefined;
    },
  });
};

const withFieldType = (type: string, field: string, typeSdl: string) => (document: DocumentNode) =>
  visit(document, {
    ObjectTypeDefinition(node) {
      return node.name.value === type ? { ...node, fields: node.fields?.map((f) => (f.name.value === field ? { ...f, type: parseType(typeSdl) } : f)) } : undefined;
    },
  });

const queryFields = (sdl: string) =>
  parse(sdl).definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query' ? (d.fields ?? []).map((f) => f.name.value) : []));

describe('supergraph composition and the schema check', () => {
  let sdls: SubgraphSdl[];
  let committed: string;
  let operations: ClientOperation[];

  beforeAll(async () => {
    sdls = await subgraphSdls();
    committed = committedSupergraph();
    operations = knownClientOperations();
  });

  it('composes every subgraph without errors, the committed supergraph is up to date, and nothing changes', async () => {
    const report = await checkSchema({ subgraphs: sdls, committedSupergraph: committed, operations });
    expect(report.composition).toEqual({ ok: true, problems: [] });
    expect(report.stale).toBe(false);
    expect(report.changes).toEqual([]);
    expect(report.operations.broken).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    // every kind of known client is checked
    expect(new Set(operations.map((o) => o.source))).toEqual(new Set(['persisted', 'explorer', 'benchmark']));
    expect(report.operations.checked).toBe(operations.length);
    expect(formatSchemaCheckReport(report, { baseline: 'HEAD' })).toContain('supergraph.graphql: 最新 / up to date');
  });

  it('removing a field a persisted operation uses fails, naming the operation, its file and the field', async () => {
    const users = operations.filter((o) => o.source === 'persisted' && o.document.includes('hebeiLibraryStatistics'));
    expect(users.length).toBeGreaterThan(0);
    const findings = await analyseSchemaChange({
      subgraphs: edited(sdls, 'hebei', withoutField('Query', 'hebeiLibraryStatistics')),
      committedSupergraph: committed,
      operations,
    });
    const report = judgeSchemaChange(findings);
    expect(report.passed).toBe(false);
    expect(report.stale).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'breaking', type: 'FIELD_REMOVED', path: 'Query.hebeiLibraryStatistics', subgraphs: ['hebei'], usedBy: users.map((u) => ({ operation: u.name, file: u.file })) }),
    ]);
    const broken = report.failures.filter((f) => f.kind === 'OPERATION_BROKEN');
    expect(broken.map((f) => [f.operation, f.file, f.coordinate, f.subgraphs])).toEqual(users.map((u) => [u.name, u.file, 'Query.hebeiLibraryStatistics', ['hebei']]));
    expect(broken[0].file).toBe('gateway/persisted-operations/cross-province-statistics.graphql');
    const text = formatSchemaCheckReport(report, { baseline: 'HEAD' });
    for (const expected of ['未通过', 'FAILED', users[0].name, users[0].file, 'Query.hebeiLibraryStatistics', 'npm run compose']) expect(text).toContain(expected);

    // the team's own check fails; another team's check does not count hebei's change against it
    expect(judgeSchemaChange(findings, { subgraph: 'hebei' }).passed).toBe(false);
    const shanxi = judgeSchemaChange(findings, { subgraph: 'shanxi' });
    expect([shanxi.passed, shanxi.changes.length, shanxi.outOfScope]).toEqual([true, 0, { changes: 1, brokenOperations: users.length }]);
  });

  it('removing a field no known operation uses is breaking but passes (fails with --strict); adding a field is safe', async () => {
    const api = Supergraph.build(committed).apiSchema().toGraphQLJSSchema();
    const used = new Set(operations.flatMap((o) => [...operationUsage(api, parse(o.document)).coordinates]));
    const unused = queryFields(sdls.find((s) => s.name === 'hebei')!.sdl).find((field) => !used.has(`Query.${field}`));
    expect(unused).toBeDefined();
    const changed = edited(edited(sdls, 'hebei', withoutField('Query', unused!)), 'ningxia', withField('Query', 'ningxiaPlatformNote: String'));
    const findings = await analyseSchemaChange({ subgraphs: changed, committedSupergraph: committed, operations });
    expect(findings.changes).toEqual([
      expect.objectContaining({ criticality: 'breaking', type: 'FIELD_REMOVED', path: `Query.${unused}`, subgraphs: ['hebei'], usedBy: [] }),
      expect.objectContaining({ criticality: 'safe', type: 'FIELD_ADDED', path: 'Query.ningxiaPlatformNote', subgraphs: ['ningxia'], usedBy: [] }),
    ]);
    expect(findings.operations.broken).toEqual([]);

    const report = judgeSchemaChange(findings);
    expect([report.passed, report.failures, report.unusedBreaking, report.stale]).toEqual([true, [], 1, true]);
    const text = formatSchemaCheckReport(report, { baseline: 'HEAD' });
    expect(text).toContain('no known operation uses it: reported, not a failure (--strict fails on it)');
    expect(text).toContain('通过 / PASSED');

    const strict = judgeSchemaChange(findings, { strict: true });
    expect(strict.passed).toBe(false);
    expect(strict.failures.map((f) => [f.kind, f.coordinate, f.subgraphs])).toEqual([['BREAKING_CHANGE', `Query.${unused}`, ['hebei']]]);
    // the addition alone passes even strictly
    expect(judgeSchemaChange(findings, { strict: true, subgraph: 'ningxia' }).passed).toBe(true);
  });

  it('changing the type of a field known operations use fails although they still validate', async () => {
    const users = operations.filter((o) => /\bhebeiLibrary\s*\{/.test(o.document));
    expect(users.length).toBeGreaterThan(0);
    const changed = edited(sdls, 'hebei', withFieldType('Institution', 'hebeiLibrary', '[LibraryMembership!]'));
    const report = await checkSchema({ subgraphs: changed, committedSupergraph: committed, operations });
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'breaking', type: 'FIELD_TYPE_CHANGED', path: 'Institution.hebeiLibrary', subgraphs: ['hebei'] }),
    ]);
    expect(new Set(report.changes[0].usedBy.map((r) => `${r.file}#${r.operation}`))).toEqual(new Set(users.map((u) => `${u.file}#${u.name}`)));
    expect(report.operations.broken).toEqual([]);
    expect(report.failures.map((f) => [f.kind, f.coordinate, f.subgraphs])).toEqual([['USED_FIELD_CHANGED', 'Institution.hebeiLibrary', ['hebei']]]);
    expect(report.passed).toBe(false);
  });

  it('an operation under clients/operations/ that does not validate fails the check, even with no schema change', async () => {
    const portal = operationsInDocument(
      `query PortalRegions { regions(parentCode: "140000") { ...RegionRow } }
       query PortalTypo { institutionz(first: 5) { totalCount } }
       fragment RegionRow on Region { code name }`,
      'clients/operations/portal.graphql',
      'client',
    );
    expect(portal.map((o) => o.name)).toEqual(['PortalRegions', 'PortalTypo']);
    const report = await checkSchema({ subgraphs: sdls, committedSupergraph: committed, operations: [...operations, ...portal] });
    expect([report.passed, report.stale, report.changes]).toEqual([false, false, []]);
    expect(report.operations.broken.map((o) => [o.operation, o.file, o.alreadyInvalid, o.errors.map((e) => e.coordinate)])).toEqual([
      ['PortalTypo', 'clients/operations/portal.graphql', true, ['Query.institutionz']],
    ]);
    expect(report.failures.map((f) => f.kind)).toEqual(['OPERATION_BROKEN']);
  });

  it('two subgraphs defining the same non-shareable field with incompatible types is a composition error naming both', async () => {
    const report = await checkSchema({ subgraphs: edited(sdls, 'hebei', withField('Institution', 'name: Int')), committedSupergraph: committed, operations });
    expect(report.composition.ok).toBe(false);
    const codes = report.composition.problems.map((p) => [p.code, p.subgraphs]);
    expect(codes).toEqual(expect.arrayContaining([['INVALID_FIELD_SHARING', ['registry', 'hebei']], ['FIELD_TYPE_MISMATCH', ['registry', 'hebei']]]));
    expect(report.composition.problems.every((p) => p.message.includes('Institution.name') && p.hint.zh && p.hint.en)).toBe(true);
    expect([report.passed, report.stale, report.failures.every((f) => f.kind === 'COMPOSITION_FAILED')]).toEqual([false, null, true]);
    expect(formatSchemaCheckReport(report, { baseline: 'HEAD' })).toContain('[INVALID_FIELD_SHARING] 子图 / subgraphs: registry, hebei');
  });
});
