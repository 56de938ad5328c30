import { execFile } from 'node:child_process';
import { promisify, parseArgs } from 'node:util';
import { committedSupergraph, subgraphSdls } from './composition';
import { knownClientOperations } from './client-operations';
import { checkSchema } from './schema-check';
import { formatSchemaCheckReport } from './schema-check-report';
import { ROOT, SUBGRAPHS } from './subgraph-list';

const USAGE = `npm run check:schema [-- options]

检查工作区的子图改动：能否组合、是否删改了已知客户端在用的字段（与已提交的 supergraph.graphql 比较）。
Checks the working tree's subgraphs: do they compose, does the change break what known clients use
(against the committed supergraph.graphql).

  --subgraph=NAME   只评判该子图拥有的部分 / judge only what this subgraph owns (${SUBGRAPHS.map((s) => s.name).join(', ')})
  --strict          任何破坏性变更都算失败 / fail on any breaking change, used or not
  --base=REF        与该 git 版本的 supergraph.graphql 比较（默认 HEAD）/ compare with supergraph.graphql at this git ref (default HEAD)
  --json            输出 JSON 报告（供 CI）/ print the report as JSON (for CI)

退出码 / Exit code: 0 通过 / passed, 1 未通过 / failed.`;

const git = promisify(execFile);

/**
 * The baseline: `supergraph.graphql` as committed at `ref` (the team's own `npm run compose` in the working
 * tree must not hide its change), or the file on disk where there is no git history (a container image).
 */
async function baseline(ref: string | undefined): Promise<{ text: string; label: string }> {
  try {
    const { stdout } = await git('git', ['show', `${ref ?? 'HEAD'}:supergraph.graphql`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { text: stdout, label: `supergraph.graphql @ ${ref ?? 'HEAD'}` };
  } catch (error) {
    if (ref) throw new Error(`无法读取 ${ref} 版本的 supergraph.graphql / cannot read supergraph.graphql at ${ref}: ${(error as Error).message}`);
    const text = committedSupergraph();
    if (!text) throw new Error('没有 supergraph.graphql：先运行 `npm run compose` / no supergraph.graphql: run `npm run compose` first');
    return { text, label: 'supergraph.graphql（工作区文件，无 git 历史 / working-tree file, no git history）' };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      subgraph: { type: 'string' },
      strict: { type: 'boolean', default: false },
      base: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.subgraph !== undefined && !SUBGRAPHS.some((s) => s.name === values.subgraph)) {
    console.error(`未知子图 ${values.subgraph} / Unknown subgraph ${values.subgraph}\n\n${USAGE}`);
    return 1;
  }
  const [base, subgraphs] = await Promise.all([baseline(values.base), subgraphSdls()]);
  const report = await checkSchema(
    { subgraphs, committedSupergraph: base.text, supergraphFile: committedSupergraph(), operations: knownClientOperations() },
    { strict: values.strict, subgraph: values.subgraph },
  );
  if (values.json) console.log(JSON.stringify({ baseline: base.label, ...report }, null, 2));
  else process.stdout.write(formatSchemaCheckReport(report, { baseline: base.label }));
  return report.passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
