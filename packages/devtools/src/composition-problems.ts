import type { GraphQLError } from 'graphql';
import type { Bilingual } from '@sme/kernel';

/** A composition error as a team reads it: Apollo's code and message, the subgraphs involved, what to do. */
export interface CompositionProblem {
  code: string;
  message: string;
  subgraphs: string[];
  hint: Bilingual;
}

/**
 * What to do about the errors a subgraph change most often causes. Apollo documents every code; these are
 * the ones a team meets when two subgraphs disagree about a type they share.
 */
const HINTS: Record<string, Bilingual> = {
  INVALID_FIELD_SHARING: {
    zh: '同一字段只能由一个子图解析；确需多个子图解析时，在每个子图中都标注 @shareable（且各处结果须一致），否则删除本子图中的定义或改名（如加上子图前缀）',
    en: 'A field is resolved by one subgraph only: if several must resolve it, mark it @shareable in every one of them (with the same results), else drop it from this subgraph or rename it (e.g. with the subgraph’s prefix)',
  },
  FIELD_TYPE_MISMATCH: {
    zh: '各子图中该字段的类型不兼容：使用与拥有该类型的子图相同的类型',
    en: 'The field’s type differs between subgraphs in an incompatible way: use the same type as the subgraph that owns it',
  },
  FIELD_ARGUMENT_TYPE_MISMATCH: {
    zh: '各子图中该参数的类型不同：使参数类型一致',
    en: 'The argument’s type differs between subgraphs: make them the same',
  },
  TYPE_KIND_MISMATCH: {
    zh: '同名类型在各子图中种类不同（对象、接口、输入、枚举…）：改名或统一种类',
    en: 'A type of the same name is of different kinds in different subgraphs (object, interface, input, enum …): rename it or make the kinds agree',
  },
  REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH: {
    zh: '必填参数必须在每个定义该字段的子图中都存在：补上该参数，或改为可选',
    en: 'A required argument must exist in every subgraph defining the field: add it there, or make it optional',
  },
  EXTERNAL_MISSING_ON_BASE: {
    zh: '@external 字段须由另一个子图真正解析：检查字段名与拥有该实体的子图',
    en: 'An @external field must be resolved by another subgraph: check the field name against the subgraph that owns the entity',
  },
  EMPTY_MERGED_INPUT_TYPE: {
    zh: '输入类型合并后只保留所有子图共有的字段：使各子图的输入类型字段一致',
    en: 'A merged input type keeps only the fields every subgraph has: give the input type the same fields everywhere',
  },
  SATISFIABILITY_ERROR: {
    zh: '组合后的某些查询无法由任何子图满足：通常是实体缺少 @key 或字段无法从查询入口到达',
    en: 'Some queries of the composed schema cannot be satisfied by any subgraph: usually an entity misses a @key, or a field cannot be reached',
  },
};

const fallbackHint = (code: string): Bilingual => ({
  zh: `参见 Apollo Federation 组合错误代码 ${code} 的说明`,
  en: `See Apollo Federation’s reference for the composition error code ${code}`,
});

/**
 * The subgraphs an error involves: the sources of its nodes (each SDL is parsed as a source named after its
 * subgraph) and the subgraphs its message names in quotes (`subgraph "hebei"`, `subgraphs "a" and "b"`).
 */
function involvedSubgraphs(error: GraphQLError, names: readonly string[]): string[] {
  const found = new Set<string>();
  for (const node of error.nodes ?? []) {
    const source = node.loc?.source.name;
    if (source && names.includes(source)) found.add(source);
  }
  for (const name of names) if (error.message.includes(`"${name}"`)) found.add(name);
  return names.filter((name) => found.has(name));
}

export function compositionProblems(errors: readonly GraphQLError[], subgraphNames: readonly string[]): CompositionProblem[] {
  return errors.map((error) => {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR';
    return { code, message: error.message, subgraphs: involvedSubgraphs(error, subgraphNames), hint: HINTS[code] ?? fallbackHint(code) };
  });
}
