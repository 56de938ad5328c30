import { Workbook, type CellValue as ExcelCellValue } from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { badInput } from './errors';

/**
 * The spreadsheets provinces keep, read into rows of cells: .xlsx as Excel and WPS save it (the first
 * worksheet), and .csv in UTF-8 (with or without the byte-order mark), UTF-16 with its mark, or GB18030 — what
 * Excel in China writes when it saves "CSV (逗号分隔)", in the system code page (GBK, which GB18030 contains).
 * Each row keeps the number the user sees in the spreadsheet (a CSV record is one row, even when a quoted cell
 * holds a line break), so every message can point at it.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type TableFormat = 'xlsx' | 'csv';

/** A cell as the user sees it: text, a number (a percentage as displayed: 95% is 95), a date, or nothing. */
export type TableCell = string | number | Date | null;

export interface TableRow {
  /** The row number in the spreadsheet (1 is the first row). */
  line: number;
  /** Cells by column, the first column at index 0. */
  cells: TableCell[];
}

const fileRefusal = (zh: string, en: string, reason: string, details: Record<string, unknown> = {}) =>
  badInput({ zh, en }, { reason, ...details });

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // .xlsx is a zip archive
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // the old binary .xls (and .et)

/**
 * The format of an upload: `?format=xlsx|csv` if given, else the declared content type, else the file's own
 * first bytes. The old binary .xls is refused with what to do instead.
 */
export function tableFormat(body: Buffer, declared: { format?: string | null; contentType?: string | null }): TableFormat {
  if (body.subarray(0, OLE.length).equals(OLE)) {
    throw fileRefusal('不支持旧版 .xls 文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入', 'The old binary .xls format is not supported: save it as .xlsx or CSV and import that', 'UNSUPPORTED_FORMAT');
  }
  const format = declared.format?.toLowerCase();
  if (format) {
    if (format === 'xlsx' || format === 'csv') return format;
    throw fileRefusal(`未知的文件格式：${declared.format}（应为 xlsx 或 csv）`, `Unknown format: ${declared.format} (xlsx or csv)`, 'UNSUPPORTED_FORMAT', { format: declared.format });
  }
  const type = (declared.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === XLSX_CONTENT_TYPE) return 'xlsx';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  return body.subarray(0, ZIP.length).equals(ZIP) ? 'xlsx' : 'csv';
}

/** A text file's characters, whichever of the encodings above it was saved in. */
export function decodeText(body: Buffer): { text: string; encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' } {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { text: body.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (body[0] === 0xff && body[1] === 0xfe) return { text: iconv.decode(body.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (body[0] === 0xfe && body[1] === 0xff) return { text: iconv.decode(body.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  try {
    // Chinese text in GBK is practically never valid UTF-8, so a strict decode tells the two apart
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'GB18030' };
  }
}

const isEmpty = (cell: TableCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

function readCsv(body: Buffer): { rows: TableRow[]; encoding: string } {
  if (body.subarray(0, ZIP.length).equals(ZIP)) {
    throw fileRefusal('这是 .xlsx 文件，不是 CSV：请按 xlsx 格式上传', 'This is an .xlsx file, not CSV: upload it as xlsx', 'FORMAT_MISMATCH');
  }
  const { text, encoding } = decodeText(body);
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const detail = error as { message?: string; lines?: number };
    throw fileRefusal(
      `CSV 格式错误（约第 ${detail.lines ?? '?'} 行）：引号未闭合或字段格式不对`,
      `Malformed CSV (near line ${detail.lines ?? '?'}): an unclosed quote or a malformed field`,
      'MALFORMED_FILE',
      { line: detail.lines ?? null },
    );
  }
  const rows = records.map((record, index) => ({ line: index + 1, cells: record.map((cell): TableCell => (cell === '' ? null : cell)) }));
  return { rows: rows.filter((row) => !row.cells.every(isEmpty)), encoding };
}

/** Rounds away binary noise (0.955 × 100 = 95.49999999999999 is 95.5, as Excel shows it). */
const asShown = (value: number) => Number(value.toPrecision(15));

/** A cell's value as the user sees it: rich text as its text, a formula as its result, a percentage as displayed. */
function cellValue(value: ExcelCellValue, numFmt: string | undefined): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return numFmt?.includes('%') ? asShown(value * 100) : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : cellValue(value.result as ExcelCellValue, numFmt);
  if ('error' in value) return value.error;
  return null;
}

async function readXlsx(body: Buffer): Promise<{ rows: TableRow[]; encoding: string }> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(body as never);
  } catch {
    throw fileRefusal('无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿', 'Cannot read the .xlsx file: it is damaged or not an Excel workbook', 'MALFORMED_FILE');
  }
  const sheet = workbook.worksheets[0];
  const rows: TableRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: TableCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value, cell.numFmt);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    if (!cells.every(isEmpty)) rows.push({ line, cells });
  });
  return { rows, encoding: 'xlsx' };
}

/** The non-empty rows of the file (the first worksheet of a workbook), with their row numbers. */
export async function readTable(body: Buffer, format: TableFormat): Promise<{ rows: TableRow[]; encoding: string }> {
  if (body.length === 0) throw fileRefusal('文件为空', 'The file is empty', 'EMPTY_FILE');
  return format === 'xlsx' ? readXlsx(body) : readCsv(body);
}
