import { DomainError, badInput, type Bilingual } from './errors';
import { checked, type OnRefusal } from './refusals';
import { parseDate } from './scalars';
import { FileRefusal, type Upload } from './upload-route';
import { readTable, tableFormat, type TableCell, type TableRow } from './table-files';

/**
 * A spreadsheet read as records: its columns found by their Chinese headers (as the forms write them), each
 * cell turned into the value the API takes, and every problem kept with the row number and the header the
 * user sees. What the values mean is checked by the services that own them, with the same checks as the
 * GraphQL mutations (kernel `refusals.ts`); this file only reads.
 */

/** How a column's cells are read, and how the template formats it. Never called with an empty cell. */
export interface CellKind {
  parse(cell: TableCell): unknown;
  /** The template column's Excel number format ('@' is text: an 18-digit code typed there stays a code). */
  numFmt?: string;
  /** The values the template offers in a drop-down. */
  choices?: readonly string[];
}

export interface ImportColumn {
  field: string;
  /** The header without its unit, as the forms write it (资产总额). */
  name: string;
  /** The unit, in full-width brackets after the name (资产总额（万元）); the first is the template's, others are accepted. */
  units?: readonly string[];
  /** Other headers the forms use for the same thing (上年末总资产), each also accepted with the unit. */
  aliases?: readonly string[];
  required: boolean;
  kind: CellKind;
  /** What the template's 填写说明 says about the column. */
  note: string;
}

/** The header the template writes: the name with its unit (资产总额（万元）). */
export const columnHeader = (column: ImportColumn): string => (column.units?.length ? `${column.name}（${column.units[0]}）` : column.name);

/** Headers compared as a person reads them: full-width and half-width alike (（）：％), spaces and line breaks ignored. */
const normalHeader = (header: string) => header.normalize('NFKC').replace(/\s+/g, '');

/**
 * Headers a column answers to. A unit may be left out, but one that is written must be the column's own: a
 * 资产总额（元） column is refused rather than read as 万元, ten thousand times off.
 */
function acceptedHeaders(column: ImportColumn): Set<string> {
  const accepted = new Set<string>();
  for (const name of [column.name, ...(column.aliases ?? [])]) {
    accepted.add(normalHeader(name));
    for (const unit of column.units ?? []) accepted.add(normalHeader(`${name}（${unit}）`));
  }
  return accepted;
}

/** Headers every province's tables carry that hold nothing to import: read past, never refused. */
const IGNORED_HEADERS = new Set(['序号', '备注'].map(normalHeader));

/** How many rows from the top are searched for the header row (a table may have its title and date above it). */
const HEADER_SEARCH_ROWS = 10;

export interface ImportSpec {
  columns: readonly ImportColumn[];
  /** The field whose header marks the header row: rows above it (a title, the unit, a date) are not read. */
  anchor: string;
  maxRows: number;
}

export interface ImportRecord {
  line: number;
  /** Each column's value; null for an empty cell of an optional column (or of a column the file does not have). */
  values: Record<string, unknown>;
}

/** A problem of one row, kept as the refusal the API would give, with the row and the header it is under. */
export interface RowProblem {
  line: number;
  field: string;
  column: string;
  error: DomainError;
}

/**
 * Every problem of a file's rows. The services check each row with `at(line)` as their `OnRefusal`; nothing is
 * written while any row has a problem, and `refuseIfAny` answers with all of them.
 */
export interface RowProblems {
  at(line: number): OnRefusal;
  has(line: number): boolean;
  readonly count: number;
  /** Throws a FileRefusal (422) listing every problem, by row and column, if there is any. */
  refuseIfAny(rowsRead: number): void;
}

/** The problem as an error of its own: the row and header in its message and its details, the rest as the API gives it. */
function rowError(problem: RowProblem): DomainError {
  const { code: _code, messageZh, messageEn, http: _http, ...details } = problem.error.extensions as Record<string, unknown>;
  const zh = typeof messageZh === 'string' ? messageZh : problem.error.message;
  const en = typeof messageEn === 'string' ? messageEn : problem.error.message;
  return new DomainError(
    problem.error.code,
    { zh: `第 ${problem.line} 行「${problem.column}」：${zh}`, en: `Line ${problem.line}, column ${problem.column}: ${en}` },
    { ...details, line: problem.line, column: problem.column, field: problem.field },
  );
}

export function rowProblems(columnOf: (field: string) => { header: string; position: number }): RowProblems {
  const problems: (RowProblem & { position: number })[] = [];
  const lines = new Set<number>();
  return {
    at: (line) => (error, field) => {
      const { header, position } = columnOf(field);
      problems.push({ line, field, column: header, error, position });
      lines.add(line);
    },
    has: (line) => lines.has(line),
    get count() {
      return problems.length;
    },
    refuseIfAny(rowsRead) {
      if (problems.length === 0) return;
      const sorted = [...problems].sort((a, b) => a.line - b.line || a.position - b.position);
      const badRows = lines.size;
      throw new FileRefusal(
        422,
        sorted.map(rowError),
        { zh: `${badRows} 行有错误，未导入任何数据`, en: `${badRows} rows have errors; nothing was imported` },
        { rowsRead, rowsRefused: badRows },
      );
    },
  };
}

const fileProblem = (text: Bilingual, details: Record<string, unknown>) => badInput(text, details);

function refuseFile(problems: DomainError[]): never {
  throw new FileRefusal(400, problems, { zh: '文件不能按要求读取，未导入任何数据', en: 'The file cannot be read as required; nothing was imported' });
}

const isEmpty = (cell: TableCell | undefined) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * Reads the records of a table: finds the header row, maps each header to its column (unknown, repeated and
 * missing required headers refuse the whole file, as does a file with no rows or more than `maxRows`), then
 * reads every cell of every row, collecting each cell's problem under its row.
 */
export function importRows(rows: readonly TableRow[], spec: ImportSpec): { records: ImportRecord[]; problems: RowProblems } {
  const accepted = spec.columns.map((column) => ({ column, names: acceptedHeaders(column) }));
  const find = (header: string) => accepted.find((entry) => entry.names.has(normalHeader(header)))?.column;
  const anchor = spec.columns.find((column) => column.field === spec.anchor)!;

  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.cells.some((cell) => typeof cell === 'string' && find(cell) === anchor));
  if (headerIndex < 0) {
    refuseFile([fileProblem(
      { zh: `未找到表头行：前 ${HEADER_SEARCH_ROWS} 行中没有「${columnHeader(anchor)}」列`, en: `No header row: none of the first ${HEADER_SEARCH_ROWS} rows has a 「${columnHeader(anchor)}」 column` },
      { reason: 'MISSING_COLUMN', column: columnHeader(anchor) },
    )]);
  }
  const header = rows[headerIndex];
  const data = rows.slice(headerIndex + 1);

  const problems: DomainError[] = [];
  const positions = new Map<string, { header: string; position: number }>();
  const unnamed: number[] = [];
  header.cells.forEach((cell, index) => {
    if (isEmpty(cell)) return void unnamed.push(index);
    const text = String(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell).trim();
    if (IGNORED_HEADERS.has(normalHeader(text))) return;
    const column = find(text);
    if (!column) {
      problems.push(fileProblem(
        { zh: `第 ${header.line} 行第 ${index + 1} 列的表头「${text}」不是可导入的列（可用的列见模板）`, en: `The header 「${text}」 (row ${header.line}, column ${index + 1}) is not a column that can be imported (see the template)` },
        { reason: 'UNKNOWN_COLUMN', column: text, line: header.line, position: index + 1, expected: spec.columns.map(columnHeader) },
      ));
    } else if (positions.has(column.field)) {
      problems.push(fileProblem(
        { zh: `「${columnHeader(column)}」列出现了两次（第 ${positions.get(column.field)!.position + 1} 列和第 ${index + 1} 列）`, en: `The column 「${columnHeader(column)}」 appears twice (columns ${positions.get(column.field)!.position + 1} and ${index + 1})` },
        { reason: 'DUPLICATE_COLUMN', column: text, line: header.line, position: index + 1 },
      ));
    } else {
      positions.set(column.field, { header: text, position: index });
    }
  });
  // cells to the right of the last header are under no header either
  const width = Math.max(header.cells.length, ...data.map((row) => row.cells.length));
  for (let index = header.cells.length; index < width; index++) unnamed.push(index);
  for (const index of unnamed) {
    const used = data.find((row) => !isEmpty(row.cells[index]));
    if (used) {
      problems.push(fileProblem(
        { zh: `第 ${index + 1} 列没有表头，但第 ${used.line} 行在该列有内容`, en: `Column ${index + 1} has no header, but row ${used.line} has something in it` },
        { reason: 'UNNAMED_COLUMN', position: index + 1, line: used.line },
      ));
    }
  }
  for (const column of spec.columns) {
    if (column.required && !positions.has(column.field)) {
      problems.push(fileProblem(
        { zh: `缺少必需的列「${columnHeader(column)}」`, en: `The required column 「${columnHeader(column)}」 is missing` },
        { reason: 'MISSING_COLUMN', column: columnHeader(column) },
      ));
    }
  }
  if (problems.length) refuseFile(problems);
  if (data.length === 0) {
    refuseFile([fileProblem({ zh: '表头下没有数据行', en: 'There are no rows under the header' }, { reason: 'NO_ROWS' })]);
  }
  if (data.length > spec.maxRows) {
    refuseFile([fileProblem(
      { zh: `数据行过多：最多 ${spec.maxRows} 行，本文件 ${data.length} 行，请拆分后分批导入`, en: `Too many rows: at most ${spec.maxRows}, this file has ${data.length}; split it and import the parts` },
      { reason: 'TOO_MANY_ROWS', limit: spec.maxRows, rows: data.length },
    )]);
  }

  const rowProblemList = rowProblems((field) => {
    const found = positions.get(field);
    if (found) return found;
    const column = spec.columns.find((c) => c.field === field);
    return { header: column ? columnHeader(column) : field, position: Number.MAX_SAFE_INTEGER };
  });
  const records = data.map((row) => {
    const at = rowProblemList.at(row.line);
    const values: Record<string, unknown> = {};
    for (const column of spec.columns) {
      const position = positions.get(column.field)?.position;
      const cell = position === undefined ? null : row.cells[position];
      if (isEmpty(cell)) {
        values[column.field] = null;
        if (column.required) {
          at(badInput({ zh: '必填，不能为空', en: 'required, must not be empty' }, { reason: 'REQUIRED' }), column.field);
        }
      } else {
        values[column.field] = checked(column.field, at, () => column.kind.parse(cell as TableCell));
      }
    }
    return { line: row.line, values };
  });
  return { records, problems: rowProblemList };
}

/**
 * An upload read as records: its format (`?format=`, the content type, or its first bytes), its encoding, and
 * its rows by `spec` within the upload's row limit.
 */
export async function importUpload(upload: Upload, spec: Omit<ImportSpec, 'maxRows'>) {
  const format = tableFormat(upload.body, { format: upload.query.get('format'), contentType: upload.contentType });
  const { rows, encoding } = await readTable(upload.body, format);
  const { records, problems } = importRows(rows, { ...spec, maxRows: upload.limits.maxRows });
  return { file: { format, encoding, rows: records.length }, records, problems };
}

// ---- the kinds of cells ----------------------------------------------------------------------------------

const cellText = (cell: TableCell): string => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();

/** Text as written (a number typed into a text column, such as a phone number, as its digits). */
export const textCell: CellKind = { parse: cellText, numFmt: '@' };

/**
 * A code (credit code, region code) as text. Excel turns a long digit string typed into a general cell into a
 * number and drops its last digits (911100001000044477 becomes 911100001000044000): such a cell is refused
 * with what to do, not read as a different code.
 */
export const codeCell: CellKind = {
  numFmt: '@',
  parse(cell) {
    if (typeof cell === 'number' && !Number.isSafeInteger(cell)) {
      throw badInput(
        { zh: `该单元格是数字（${cell}），长代码已被 Excel 改写：请把此列设为“文本”格式后重新输入`, en: `The cell holds a number (${cell}): Excel has rewritten the long code; format the column as text and type it again` },
        { reason: 'NOT_TEXT', value: String(cell) },
      );
    }
    return cellText(cell);
  },
};

/** The date forms spreadsheets hold: 2018-04-01, 2018/4/1, 2018.4.1, 2018年4月1日, 20180401, or a date cell. */
const DATE_FORMS = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/, /^(\d{4})(\d{2})(\d{2})$/];

export const dateCell: CellKind = {
  numFmt: 'yyyy-mm-dd',
  parse(cell) {
    // exceljs reads a date cell as midnight UTC of that day
    if (cell instanceof Date) return parseDate(cell.toISOString().slice(0, 10));
    const text = cellText(cell);
    for (const form of DATE_FORMS) {
      const match = form.exec(text);
      if (match) return parseDate(`${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`);
    }
    return parseDate(text); // refused with the API's own INVALID_DATE
  },
};

/** A number as written: thousands separators and spaces allowed (1,234.5); percentages may carry their sign. */
function cellNumber(cell: TableCell, percent: boolean): number {
  if (typeof cell === 'number') return cell;
  let text = cellText(cell).normalize('NFKC').replace(/[,\s]/g, '');
  if (percent) text = text.replace(/%$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw badInput({ zh: `不是数字：${cellText(cell)}`, en: `not a number: ${cellText(cell)}` }, { reason: 'NOT_A_NUMBER', value: cellText(cell) });
  }
  return Number(text);
}

export const numberCell: CellKind = { parse: (cell) => cellNumber(cell, false), numFmt: '0.00' };

/** A percentage from 0 to 100: 95, 95% or a cell formatted as a percentage that shows 95%. */
export const percentCell: CellKind = { parse: (cell) => cellNumber(cell, true), numFmt: '0.0' };

/** A whole number (people, enterprises, a year): GraphQL's Int, so 12.5 staff is refused, not rounded. */
export const integerCell: CellKind = {
  numFmt: '0',
  parse(cell) {
    const value = cellNumber(cell, false);
    if (!Number.isInteger(value)) {
      throw badInput({ zh: `应为整数：${cellText(cell)}`, en: `must be a whole number: ${cellText(cell)}` }, { reason: 'NOT_AN_INTEGER', value: cellText(cell) });
    }
    return value;
  },
};

/** One of a list, by any of its labels (the first label of each is what the template offers). */
export function choiceCell<T>(labels: ReadonlyMap<T, readonly string[]>): CellKind {
  const byLabel = new Map<string, T>();
  for (const [value, names] of labels) for (const name of names) byLabel.set(normalHeader(name), value);
  const offered = [...labels.values()].map((names) => names[0]);
  return {
    choices: offered,
    parse(cell) {
      const value = byLabel.get(normalHeader(cellText(cell)));
      if (value === undefined) {
        throw badInput(
          { zh: `「${cellText(cell)}」不是可选值（可选：${offered.join('、')}）`, en: `「${cellText(cell)}」 is not one of the allowed values (${offered.join(', ')})` },
          { reason: 'UNKNOWN_VALUE', value: cellText(cell), allowed: offered },
        );
      }
      return value;
    },
  };
}
