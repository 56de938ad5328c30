import type { Alignment, Borders, Font, PaperSize, Workbook, Worksheet } from 'exceljs';

/**
 * What the .xlsx downloads share (the libraries' 推荐汇总表, Taiyuan's 推荐表 and 汇总表): the printed forms'
 * typeface and borders, the page set-up of a table, cells written over a merged range, row heights that fit
 * wrapped text, and the documents' way of writing dates.
 */

export const FONT = '宋体';
const THIN = { style: 'thin' as const };
export const BOXED: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
// exceljs declares PaperSize as an ambient const enum, which an isolated-module build cannot read: A4 is 9.
export const A4 = 9 as PaperSize;

export interface CellStyle {
  font?: Partial<Font>;
  alignment?: Partial<Alignment>;
  border?: Partial<Borders>;
  numFmt?: string;
}

/** Writes `value` into rows r1..r2, columns c1..c2 (merged when more than one cell), every cell carrying the style. */
export function put(sheet: Worksheet, [r1, c1, r2, c2]: [number, number, number, number], value: string | number | null, style: CellStyle = {}): void {
  for (let r = r1; r <= r2; r++) {
    for (let c = c1; c <= c2; c++) {
      const cell = sheet.getRow(r).getCell(c);
      cell.font = { name: FONT, size: 11, ...style.font };
      cell.alignment = { vertical: 'middle', wrapText: true, ...style.alignment };
      if (style.border) cell.border = style.border;
      if (style.numFmt) cell.numFmt = style.numFmt;
    }
  }
  if (r1 !== r2 || c1 !== c2) sheet.mergeCells(r1, c1, r2, c2);
  sheet.getRow(r1).getCell(c1).value = value;
}

/** Width of a text in Excel character units: a Chinese character (or full-width sign) takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2460-\u27bf]/.test(ch) ? 2 : 1;
  return width;
}

/** Excel's highest row (points). */
const MAX_ROW_HEIGHT = 409;

/**
 * A row height (points) that shows `text` wrapped in a cell `width` characters wide at `fontSize`, never less
 * than `min`: Excel does not grow a row for wrapped text in merged cells, so the form sizes it itself.
 */
export function heightFor(text: string, width: number, min: number, fontSize = 11): number {
  const perLine = Math.max(1, Math.floor((width * 11) / fontSize) - 2);
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / perLine)), 0);
  return Math.min(MAX_ROW_HEIGHT, Math.max(min, Math.ceil(lines * fontSize * 1.4 + 8)));
}

/** 2023-03-21 → 2023年3月21日, as the notice writes dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** A file name any system can store: each character Windows refuses becomes an underscore. */
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

/** A table's sheet: headers frozen and repeated on every printed page, A4 landscape, one page wide, pages numbered. */
export function landscapeTableSheet(workbook: Workbook, name: string, headerRows: number): Worksheet {
  return workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRows, topLeftCell: `A${headerRows + 1}` }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      // one page wide, as many pages tall as the rows need
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `1:${headerRows}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
}
