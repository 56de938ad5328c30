import { Workbook, type Worksheet } from 'exceljs';
import { BOXED, FONT, landscapeTableSheet } from '@sme/kernel';
import type { RecommendationSummary, RecommendationRow } from '../applications/recommendation-summary';

/**
 * 第八条（二）《XX市（山西综改区管委会）优质中小企业公共服务资源库入库机构推荐汇总表》 (冀 第八条（二）《XX市优质中小
 * 企业服务资源库入库机构推荐汇总表》) as the spreadsheet a recommending unit prints, stamps and sends to the
 * province: the title, the unit (with room for its seal) and year, one row per recommended institution, and
 * the lines the sender fills in by hand.
 */

/** Its name under `/exports/` (the gateway serves it at `/exports/<subgraph>/recommendation-summary.xlsx`). */
export const RECOMMENDATION_SUMMARY_FILE = 'recommendation-summary.xlsx';

/** The table's columns, in the order the province reads them; widths in Excel character units. */
export const SUMMARY_COLUMNS: readonly { header: string; width: number; value: (row: RecommendationRow) => string | number | null }[] = [
  { header: '序号', width: 6, value: (row) => row.serial },
  { header: '机构名称', width: 34, value: (row) => row.institutionName },
  { header: '统一社会信用代码', width: 22, value: (row) => row.creditCode },
  { header: '所在县（市、区）', width: 16, value: (row) => row.regionName },
  { header: '服务类别', width: 22, value: (row) => row.categories },
  { header: '服务性质', width: 10, value: (row) => row.nature },
  { header: '推荐日期', width: 12, value: (row) => row.recommendedOn },
  { header: '推荐意见', width: 40, value: (row) => row.opinion },
];

/** Rows above the first institution: title, unit and year, column headers (frozen and repeated on every printed page). */
export const SUMMARY_HEADER_ROWS = 3;


/** The sheet's file name: the table's title, as the notice names it. */
export const summaryFileName = (summary: RecommendationSummary) => `${summary.title}.xlsx`;

/** For clients that cannot read a UTF-8 file name. */
export const summaryAsciiFileName = (summary: RecommendationSummary) => `recommendation-summary-${summary.unitCode}-${summary.year}.xlsx`;

function layOut(sheet: Worksheet, summary: RecommendationSummary): void {
  const last = SUMMARY_COLUMNS.length;
  sheet.columns = SUMMARY_COLUMNS.map((c) => ({ width: c.width }));

  const title = sheet.getRow(1);
  title.getCell(1).value = summary.title;
  title.getCell(1).font = { name: FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 36;
  sheet.mergeCells(1, 1, 1, last);

  // 推荐单位（盖章）: the unit prints its name and stamps beside it; the year is the year it recommended in.
  const unitLine = sheet.getRow(2);
  unitLine.getCell(1).value = `推荐单位（盖章）：${summary.unitName}`;
  unitLine.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
  unitLine.getCell(5).value = `年度：${summary.year}`;
  unitLine.getCell(5).alignment = { horizontal: 'right', vertical: 'middle' };
  unitLine.font = { name: FONT, size: 11 };
  unitLine.height = 24;
  sheet.mergeCells(2, 1, 2, 4);
  sheet.mergeCells(2, 5, 2, last);

  const header = sheet.getRow(SUMMARY_HEADER_ROWS);
  SUMMARY_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BOXED;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  });
  header.height = 30;
}

function addRows(sheet: Worksheet, rows: readonly RecommendationRow[]): void {
  rows.forEach((row, index) => {
    const line = sheet.getRow(SUMMARY_HEADER_ROWS + 1 + index);
    SUMMARY_COLUMNS.forEach((column, c) => {
      const cell = line.getCell(c + 1);
      cell.value = column.value(row);
      cell.font = { name: FONT, size: 11 };
      cell.border = BOXED;
      // serial, code, county, nature and date are short and read best centred; names and opinions wrap
      const centred = c !== 1 && c !== 4 && c !== 7;
      cell.alignment = { horizontal: centred ? 'center' : 'left', vertical: 'middle', wrapText: true };
    });
    // a credit code is text: never a number Excel would round or show in exponent form
    line.getCell(3).numFmt = '@';
  });
}

/** 填报人、联系电话、填报日期: left blank for the person who sends the table to fill in by hand. */
function addSignatureLine(sheet: Worksheet, afterRow: number): void {
  const line = sheet.getRow(afterRow + 2);
  line.getCell(1).value = '填报人：';
  line.getCell(4).value = '联系电话：';
  line.getCell(6).value = '填报日期：　　　　年　　月　　日';
  line.font = { name: FONT, size: 11 };
  line.alignment = { horizontal: 'left', vertical: 'middle' };
  line.height = 24;
  sheet.mergeCells(line.number, 1, line.number, 3);
  sheet.mergeCells(line.number, 4, line.number, 5);
  sheet.mergeCells(line.number, 6, line.number, SUMMARY_COLUMNS.length);
}

/** The summary as an .xlsx file: frozen headers, bordered cells, printable on A4 landscape one page wide. */
export async function recommendationSummaryWorkbook(summary: RecommendationSummary): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = summary.unitName;
  workbook.title = summary.title;
  const sheet = landscapeTableSheet(workbook, '推荐汇总表', SUMMARY_HEADER_ROWS);
  layOut(sheet, summary);
  addRows(sheet, summary.rows);
  addSignatureLine(sheet, SUMMARY_HEADER_ROWS + summary.rows.length);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
