import { IMPORTS_PREFIX, XLSX_CONTENT_TYPE, importTemplateWorkbook, type Download, type ImportColumn } from '@sme/kernel';
import { INSTITUTION_COLUMNS } from './institution-columns';
import { ANNUAL_FACTS_COLUMNS } from './annual-facts-columns';

/**
 * The blank spreadsheets a province downloads, fills in and uploads (`GET /imports/registry/templates/…` at the
 * gateway): the headers exactly as the import reads them and 填写说明 for each column.
 */

const commonNotes = (maxRows: number) => [
  '第一行为表头（列名与本模板一致；表头上方可以有标题行）；从表头下一行起每行一条记录。“序号”“备注”列可以保留，不导入。',
  '填好后直接上传本 .xlsx 文件，也可另存为 CSV（UTF-8，或 Excel 默认的 GBK 编码）上传。',
  `每个文件最多 ${maxRows} 行；任何一行有错误时整份文件都不导入，返回每个错误的行号、列名和原因，改正后重新上传整份文件即可。`,
];

function template(name: string, asciiName: string, sheetName: string, columns: readonly ImportColumn[], notes: string[]) {
  return async (): Promise<Download> => ({
    body: await importTemplateWorkbook({ sheetName, columns, notes }),
    contentType: XLSX_CONTENT_TYPE,
    fileName: name,
    asciiFileName: asciiName,
  });
}

export const INSTITUTIONS_TEMPLATE_PATH = `${IMPORTS_PREFIX}templates/institutions.xlsx`;
export const ANNUAL_FACTS_TEMPLATE_PATH = `${IMPORTS_PREFIX}templates/annual-facts.xlsx`;

export function importTemplates(maxRows: number) {
  return {
    [INSTITUTIONS_TEMPLATE_PATH]: template('机构批量导入模板.xlsx', 'institutions-import-template.xlsx', '机构', INSTITUTION_COLUMNS, [
      '机构批量导入模板（红色列名为必填）',
      ...commonNotes(maxRows),
      '统一社会信用代码已登记的行：与登记信息一致的视为已登记（不重复登记），不一致的报错；更改已登记机构的信息请用“更新机构信息”。',
    ]),
    [ANNUAL_FACTS_TEMPLATE_PATH]: template('年度情况批量导入模板.xlsx', 'annual-facts-import-template.xlsx', '年度情况', ANNUAL_FACTS_COLUMNS, [
      '年度情况批量导入模板（红色列名为必填）',
      ...commonNotes(maxRows),
      '每行为一个已登记机构（按统一社会信用代码）的一个年度。该年度已有记录的：数字相同视为未变，不同则按本文件更正（原数字保留在审计记录中）。',
    ]),
  };
}
