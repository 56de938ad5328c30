import { Workbook } from 'exceljs';
import type { SummaryRow, SummaryTable } from '../provincial-recommendations/summary-table';
import { BOXED, landscapeTableSheet, put, safeFileName } from '@sme/kernel';

/**
 * 并工信字〔2023〕26号 附件3《2023年度示范平台基本情况汇总表》 as a spreadsheet (一.5、二.5: sent with the
 * recommendation documents): the title, the column headers, one row per entry of summaryTable() — the year's
 * county-recommended applications for the city designation, then its recommendations to the province.
 */

/** Read as words on paper, not as the API's codes. */
export const STATUS_LABELS: Record<string, string> = {
  COUNTY_RECOMMENDED: '县级已推荐',
  EXPERT_REVIEWED: '专家组已评审',
  DESIGNATED: '已认定',
  REJECTED: '不予认定',
  RECOMMENDED_TO_PROVINCE: '已推荐省级',
};

const MONEY = '#,##0.00';
const WHOLE = '0';

/** The table's columns in order; widths in Excel character units; `numFmt` for figures. */
export const SUMMARY_TABLE_COLUMNS: readonly { header: string; width: number; numFmt?: string; value: (row: SummaryRow) => string | number | null }[] = [
  { header: '序号', width: 6, value: (row) => row.serial },
  { header: '申报类别', width: 10, value: (row) => row.kind },
  { header: '示范平台承担单位', width: 32, value: (row) => row.institutionName },
  { header: '统一社会信用代码', width: 22, numFmt: '@', value: (row) => row.creditCode },
  { header: '推荐单位', width: 18, value: (row) => row.recommendingUnit },
  { header: '注册资本（万元）', width: 12, numFmt: MONEY, value: (row) => row.registeredCapital },
  { header: '上年末总资产（万元）', width: 12, numFmt: MONEY, value: (row) => row.totalAssets },
  { header: '从业人数', width: 9, numFmt: WHOLE, value: (row) => row.staff },
  { header: '上年营业收入（万元）', width: 12, numFmt: MONEY, value: (row) => row.revenue },
  { header: '其中：服务收入（万元）', width: 12, numFmt: MONEY, value: (row) => row.serviceRevenue },
  { header: '上年服务中小企业户数', width: 11, numFmt: WHOLE, value: (row) => row.smesServed },
  { header: '状态', width: 12, value: (row) => STATUS_LABELS[row.status] ?? row.status },
];

/** Rows above the first entry: the title and the column headers (frozen, and repeated on every printed page). */
export const SUMMARY_TABLE_HEADER_ROWS = 2;

/** Columns of text that wrap on the left; the rest (serial, kind, code, figures, status) are centred or right-aligned. */
const LEFT_COLUMNS = new Set([3, 5]);

/** The table as an .xlsx file: A4 landscape one page wide, bordered cells, figures as numbers. */
export async function summaryTableXlsx(table: SummaryTable): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '太原市工业和信息化局';
  workbook.title = table.title;
  const sheet = landscapeTableSheet(workbook, '汇总表', SUMMARY_TABLE_HEADER_ROWS);
  const last = SUMMARY_TABLE_COLUMNS.length;
  sheet.columns = SUMMARY_TABLE_COLUMNS.map((c) => ({ width: c.width }));

  put(sheet, [1, 1, 1, last], table.title, { font: { size: 16, bold: true }, alignment: { horizontal: 'center' } });
  sheet.getRow(1).height = 36;
  SUMMARY_TABLE_COLUMNS.forEach((column, i) => put(sheet, [2, i + 1, 2, i + 1], column.header, { font: { bold: true }, alignment: { horizontal: 'center' }, border: BOXED }));
  sheet.getRow(2).height = 42;

  table.rows.forEach((row, index) => {
    const r = SUMMARY_TABLE_HEADER_ROWS + 1 + index;
    SUMMARY_TABLE_COLUMNS.forEach((column, i) => {
      const c = i + 1;
      const figure = column.numFmt === MONEY || column.numFmt === WHOLE;
      put(sheet, [r, c, r, c], column.value(row), {
        alignment: { horizontal: LEFT_COLUMNS.has(c) ? 'left' : figure ? 'right' : 'center' },
        border: BOXED,
        ...(column.numFmt ? { numFmt: column.numFmt } : {}),
      });
    });
    sheet.getRow(r).height = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Named as the notice names the table (2023年度示范平台基本情况汇总表.xlsx). */
export const summaryTableFileName = (table: SummaryTable) => safeFileName(`${table.title}.xlsx`);

/** For clients that cannot read a UTF-8 file name. */
export const summaryTableAsciiFileName = (table: SummaryTable) => `summary-table-${table.year}.xlsx`;
