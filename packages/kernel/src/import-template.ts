import { Workbook } from 'exceljs';
import { BOXED, FONT } from './spreadsheets';
import { columnHeader, type ImportColumn } from './table-import';

/**
 * The blank spreadsheet a province fills in for an import: the header row exactly as the import reads it, each
 * column formatted for what it holds (codes as text, so Excel keeps all 18 characters; dates as dates; a
 * drop-down where the values are a list), and a second sheet, 填写说明, that says for every column whether it
 * is required and how to fill it in. It has no example row: a row left in would be imported.
 */

/** Rows the template formats and offers drop-downs on (the import limit is larger; Excel extends the format as rows are added). */
const FORMATTED_ROWS = 1000;

/** Excel column width of a header: a Chinese character takes two units. */
const widthOf = (text: string) => [...text].reduce((width, ch) => width + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0) + 2;

export async function importTemplateWorkbook(template: { sheetName: string; columns: readonly ImportColumn[]; notes: readonly string[] }): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] });
  template.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = Math.max(12, widthOf(columnHeader(column)));
    if (column.kind.numFmt) sheetColumn.numFmt = column.kind.numFmt;
    const cell = sheet.getRow(1).getCell(index + 1);
    cell.value = columnHeader(column);
    cell.font = { name: FONT, size: 11, bold: true, ...(column.required ? { color: { argb: 'FFC00000' } } : {}) };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BOXED;
    cell.numFmt = '@';
    cell.note = `${column.required ? '必填' : '选填'}：${column.note}`;
    if (column.kind.choices) {
      for (let row = 2; row <= FORMATTED_ROWS + 1; row++) {
        sheet.getRow(row).getCell(index + 1).dataValidation = {
          type: 'list',
          allowBlank: !column.required,
          formulae: [`"${column.kind.choices.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '请从列表中选择',
          error: `可选：${column.kind.choices.join('、')}`,
        };
      }
    }
  });
  sheet.getRow(1).height = 32;

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ width: 34 }, { width: 8 }, { width: 90 }];
  const put = (values: string[], bold = false) => {
    const row = notes.addRow(values);
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  };
  for (const note of template.notes) put([note]);
  notes.addRow([]);
  put(['列名', '必填', '填写要求'], true);
  for (const column of template.columns) put([columnHeader(column), column.required ? '是' : '否', column.note]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
