import type { ChangeCriticality, SchemaChange, SchemaCheckReport } from './schema-check';

/**
 * The schema check's report as a team reads it in a terminal, in Chinese and English. `--json` prints the
 * report object itself for CI.
 */

/** Chinese names of the changes teams meet most; the others show graphql-inspector's type alone. */
const CHANGE_NAMES: Record<string, string> = {
  FIELD_REMOVED: '删除字段',
  FIELD_ADDED: '新增字段',
  FIELD_TYPE_CHANGED: '字段类型改变',
  FIELD_ARGUMENT_ADDED: '新增参数',
  FIELD_ARGUMENT_REMOVED: '删除参数',
  FIELD_ARGUMENT_TYPE_CHANGED: '参数类型改变',
  FIELD_ARGUMENT_DEFAULT_CHANGED: '参数默认值改变',
  FIELD_DEPRECATION_ADDED: '字段标为弃用',
  TYPE_ADDED: '新增类型',
  TYPE_REMOVED: '删除类型',
  TYPE_KIND_CHANGED: '类型种类改变',
  ENUM_VALUE_ADDED: '新增枚举值',
  ENUM_VALUE_REMOVED: '删除枚举值',
  INPUT_FIELD_ADDED: '新增输入字段',
  INPUT_FIELD_REMOVED: '删除输入字段',
  INPUT_FIELD_TYPE_CHANGED: '输入字段类型改变',
  UNION_MEMBER_ADDED: '新增联合成员',
  UNION_MEMBER_REMOVED: '删除联合成员',
  OBJECT_TYPE_INTERFACE_ADDED: '新增实现的接口',
  OBJECT_TYPE_INTERFACE_REMOVED: '删除实现的接口',
};

const changeName = (type: string) => CHANGE_NAMES[type] ?? (type.includes('DESCRIPTION') ? '说明文字改变' : type.startsWith('DIRECTIVE') ? '指令改变' : '变更');

const HEADINGS: Record<ChangeCriticality, string> = { breaking: '破坏性 / BREAKING', dangerous: '危险 / DANGEROUS', safe: '安全 / SAFE' };

/** Safe changes beyond this many are counted, not listed (a description edit can touch hundreds of lines). */
const SAFE_LISTED = 30;

export interface ReportContext {
  /** Where the baseline came from, e.g. `supergraph.graphql @ HEAD`. */
  baseline: string;
}

function changeLines(change: SchemaChange, strict: boolean): string[] {
  const used = change.usedBy.length > 0;
  const mark = change.criticality === 'breaking' ? (used || strict ? '✗' : '!') : change.criticality === 'dangerous' ? '~' : '+';
  const owners = change.subgraphs.length ? `  [${change.subgraphs.join(', ')}]` : '';
  const lines = [`    ${mark} ${changeName(change.type)} / ${change.type}  ${change.path ?? ''}${owners}`, `      ${change.message}`];
  if (used) lines.push(`      使用者 / used by: ${change.usedBy.map((r) => `${r.operation} (${r.file})`).join(', ')}`);
  else if (change.criticality === 'breaking') {
    lines.push(
      strict
        ? '      没有已知操作使用；--strict 下仍算失败 / no known operation uses it; a failure under --strict'
        : '      没有已知操作使用：仅报告，不算失败（加 --strict 则失败）/ no known operation uses it: reported, not a failure (--strict fails on it)',
    );
  }
  return lines;
}

export function formatSchemaCheckReport(report: SchemaCheckReport, context: ReportContext): string {
  const out: string[] = [];
  out.push('模式检查 / Schema check');
  out.push(`  基线 / Baseline: ${context.baseline}`);
  out.push(`  范围 / Scope: ${report.subgraph ? `子图 ${report.subgraph} / subgraph ${report.subgraph}` : '全部子图 / all subgraphs'}`);
  out.push(`  严格模式 / Strict: ${report.strict ? '是 / yes' : '否 / no'}`);
  out.push('');

  if (report.composition.ok) {
    out.push(`组合 / Composition: 通过（${report.subgraphs.length} 个子图）/ passes (${report.subgraphs.length} subgraphs)`);
  } else {
    const count = report.composition.problems.length;
    out.push(`组合 / Composition: 失败，${count} 个错误 / FAILS: ${count} error${count === 1 ? '' : 's'}`);
    for (const problem of report.composition.problems) {
      out.push(`  ✗ [${problem.code}] 子图 / subgraphs: ${problem.subgraphs.join(', ') || '?'}`);
      out.push(`    ${problem.message}`);
      out.push(`    提示：${problem.hint.zh}`);
      out.push(`    Hint: ${problem.hint.en}`);
    }
  }

  if (report.stale === null) out.push('supergraph.graphql: 无法判断（组合失败）/ cannot tell (composition fails)');
  else if (report.stale) {
    out.push('supergraph.graphql: 已过期 —— 工作区子图组合出的结果与该文件不同；请运行 `npm run compose` 并提交');
    out.push('                    STALE — composing the working tree gives a different file: run `npm run compose` and commit it');
  } else out.push('supergraph.graphql: 最新 / up to date');
  out.push('');

  if (report.composition.ok) {
    const count = (c: ChangeCriticality) => report.changes.filter((x) => x.criticality === c).length;
    out.push(
      `模式变更（相对基线的 API 模式）/ Schema changes (API schema against the baseline): ` +
        `破坏性 / breaking ${count('breaking')} · 危险 / dangerous ${count('dangerous')} · 安全 / safe ${count('safe')}`,
    );
    if (!report.changes.length) out.push('  无 / none');
    for (const criticality of ['breaking', 'dangerous', 'safe'] as const) {
      const changes = report.changes.filter((c) => c.criticality === criticality);
      if (!changes.length) continue;
      out.push(`  ${HEADINGS[criticality]}`);
      const listed = criticality === 'safe' ? changes.slice(0, SAFE_LISTED) : changes;
      for (const change of listed) out.push(...changeLines(change, report.strict));
      if (listed.length < changes.length) out.push(`    … 另有 ${changes.length - listed.length} 项（--json 列出全部）/ and ${changes.length - listed.length} more (--json lists them all)`);
    }
    out.push('');

    const { checked, files, broken } = report.operations;
    const already = broken.filter((o) => o.alreadyInvalid).length;
    out.push(
      `已知客户端操作 / Known client operations: 检查 ${checked} 个（${files} 个文件），${broken.length - already} 个不再有效，${already} 个原本就无效 / ` +
        `${checked} checked in ${files} files, ${broken.length - already} no longer valid, ${already} invalid already`,
    );
    for (const operation of broken) {
      out.push(`  ✗ ${operation.operation}  ${operation.file}${operation.alreadyInvalid ? '  （基线上就已无效，非本次变更所致 / already invalid against the baseline: not this change）' : ''}`);
      for (const error of operation.errors) out.push(`      ${error.coordinate ? `${error.coordinate}: ` : ''}${error.message}`);
    }
    out.push('');
  }

  if (report.subgraph && (report.outOfScope.changes || report.outOfScope.brokenOperations)) {
    out.push(
      `其他子图的 ${report.outOfScope.changes} 项变更、${report.outOfScope.brokenOperations} 个失效操作未列出 / ` +
        `${report.outOfScope.changes} changes and ${report.outOfScope.brokenOperations} broken operations of other subgraphs not shown`,
    );
    out.push('');
  }

  if (report.passed) {
    out.push('结果 / Result: 通过 / PASSED');
    if (report.unusedBreaking) {
      out.push(`  有 ${report.unusedBreaking} 项破坏性变更没有已知操作使用，未判为失败（加 --strict 则失败）`);
      out.push(`  ${report.unusedBreaking} breaking changes no known operation uses were not counted as failures (--strict would)`);
    }
  } else {
    const count = report.failures.length;
    out.push(`结果 / Result: 未通过，${count} 个问题 / FAILED: ${count} problem${count === 1 ? '' : 's'}`);
    for (const failure of report.failures) {
      out.push(`  ✗ ${failure.message.zh}`);
      out.push(`    ${failure.message.en}`);
    }
  }
  if (report.stale) out.push('提醒：合并前运行 `npm run compose` 更新 supergraph.graphql / Reminder: run `npm run compose` to update supergraph.graphql before merging');
  return `${out.join('\n')}\n`;
}
