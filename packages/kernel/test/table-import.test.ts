import 'reflect-metadata'; // the kernel's type-graphql declarations expect it first
import type http from 'node:http';
import iconv from 'iconv-lite';
import { Workbook } from 'exceljs';
import { DomainError, badInput } from '../src/errors';
import { FileRefusal, uploadLimitsFromEnv, uploadRoute } from '../src/upload-route';
import { decodeText, readTable, tableFormat } from '../src/table-files';
import { choiceCell, codeCell, dateCell, importRows, integerCell, numberCell, percentCell, textCell, type ImportColumn } from '../src/table-import';
import { importTemplateWorkbook } from '../src/import-template';
import { createHttpServer, listen } from '../src/http-server';

/**
 * Reading the spreadsheets provinces keep: encodings and formats, headers by their Chinese names, the row numbers
 * a user sees, every cell's problem under its row, the file-level refusals and the limits at their boundaries;
 * and the upload route's answers. No database: the registry's imports are tested end to end in test/.
 */

const COLUMNS: ImportColumn[] = [
  { field: 'code', name: '统一社会信用代码', required: true, kind: codeCell, note: '' },
  { field: 'name', name: '机构名称', aliases: ['单位名称'], required: true, kind: textCell, note: '' },
  { field: 'kind', name: '法人类型', required: false, kind: choiceCell(new Map([['E', ['企业法人', '企业']], ['P', ['事业单位']]])), note: '' },
  { field: 'on', name: '成立日期', aliases: ['注册日期'], required: false, kind: dateCell, note: '' },
  { field: 'assets', name: '资产总额', units: ['万元'], aliases: ['上年末总资产'], required: false, kind: numberCell, note: '' },
  { field: 'staff', name: '从业人数', units: ['人'], required: false, kind: integerCell, note: '' },
  { field: 'rate', name: '用户满意度', units: ['%'], required: false, kind: percentCell, note: '' },
];
const SPEC = { columns: COLUMNS, anchor: 'code', maxRows: 3 };

async function read(csv: string, maxRows = 3) {
  const { rows } = await readTable(Buffer.from(csv, 'utf8'), 'csv');
  return importRows(rows, { ...SPEC, maxRows });
}

/** The problems of a FileRefusal the call throws, as line/column/reason (or the file-level reason). */
async function refusedWith(run: () => unknown): Promise<{ status: number; problems: Record<string, unknown>[] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FileRefusal) return { status: error.status, problems: error.problems.map((p) => ({ code: p.code, ...p.extensions })) };
    if (error instanceof DomainError) return { status: 0, problems: [{ code: error.code, ...error.extensions }] };
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

describe('encodings and formats', () => {
  const text = '统一社会信用代码,机构名称\n91350100M000100Y43,太原测试服务中心\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
    ['UTF-8 with its byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8'],
    ['GBK, as Excel in China saves CSV', iconv.encode(text, 'gbk'), 'GB18030'],
    ['GB18030', iconv.encode(text, 'gb18030'), 'GB18030'],
    ['UTF-16LE with its mark', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'UTF-16LE'],
  ])('reads %s', async (_label, body, encoding) => {
    expect(decodeText(body)).toEqual({ text, encoding });
    const { rows } = await readTable(body, 'csv');
    expect(rows).toEqual([{ line: 1, cells: ['统一社会信用代码', '机构名称'] }, { line: 2, cells: ['91350100M000100Y43', '太原测试服务中心'] }]);
  });

  it('takes ?format first, then the content type, then the first bytes; refuses the old .xls and an unknown format', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]);
    expect(tableFormat(zip, {})).toBe('xlsx');
    expect(tableFormat(Buffer.from('a,b'), {})).toBe('csv');
    expect(tableFormat(Buffer.from('a,b'), { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBe('xlsx');
    expect(tableFormat(zip, { contentType: 'text/csv; charset=gbk' })).toBe('csv');
    expect(tableFormat(zip, { format: 'CSV', contentType: 'application/octet-stream' })).toBe('csv');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect((await refusedWith(() => tableFormat(xls, { format: 'xlsx' }))).problems[0]).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_FORMAT' });
    expect((await refusedWith(() => tableFormat(zip, { format: 'ods' }))).problems[0]).toMatchObject({ reason: 'UNSUPPORTED_FORMAT', format: 'ods' });
    expect((await refusedWith(() => readTable(zip, 'csv'))).problems[0]).toMatchObject({ reason: 'FORMAT_MISMATCH' });
    expect((await refusedWith(() => readTable(Buffer.from('not a workbook'), 'xlsx'))).problems[0]).toMatchObject({ reason: 'MALFORMED_FILE' });
    expect((await refusedWith(() => readTable(Buffer.alloc(0), 'csv'))).problems[0]).toMatchObject({ reason: 'EMPTY_FILE' });
    expect((await refusedWith(() => readTable(Buffer.from('a,b\n"unclosed,c\n'), 'csv'))).problems[0]).toMatchObject({ reason: 'MALFORMED_FILE' });
  });

  it('numbers CSV rows as a spreadsheet shows them: a quoted line break stays in its row, empty rows count but are not read', async () => {
    const { rows } = await readTable(Buffer.from('h1,h2\n"a\nb",c\n\n,,\nd,e\n'), 'csv');
    expect(rows).toEqual([{ line: 1, cells: ['h1', 'h2'] }, { line: 2, cells: ['a\nb', 'c'] }, { line: 5, cells: ['d', 'e'] }]);
  });

  it('reads the first worksheet of an .xlsx with its row numbers, rich text, formula results, dates and percentages as shown', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('机构');
    sheet.getRow(1).values = ['统一社会信用代码', '成立日期', '用户满意度（%）', '资产总额'];
    sheet.getRow(3).values = [{ richText: [{ text: '9135' }, { text: '0100M000100Y43' }] }, new Date(Date.UTC(2018, 3, 1)), 0.955, { formula: 'A1', result: 12.5 }];
    sheet.getRow(3).getCell(3).numFmt = '0.0%';
    workbook.addWorksheet('其他').getRow(1).values = ['ignored'];
    const { rows } = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(rows).toEqual([
      { line: 1, cells: ['统一社会信用代码', '成立日期', '用户满意度（%）', '资产总额'] },
      { line: 3, cells: ['91350100M000100Y43', new Date(Date.UTC(2018, 3, 1)), 95.5, 12.5] },
    ]);
  });
});

describe('headers', () => {
  it('finds the header row under a title, reads aliases, full-width or half-width brackets and the unit, and passes over 序号 and 备注', async () => {
    const { records, problems } = await read('2026年度机构汇总表,,,,\n填报单位：太原市,,,,\n序号,统一社会信用代码,单位名称,上年末总资产(万元),备注\n1,91350100M000100Y43,太原测试服务中心,"1,234.5",无\n');
    expect(problems.count).toBe(0);
    expect(records).toEqual([{ line: 4, values: { code: '91350100M000100Y43', name: '太原测试服务中心', kind: null, on: null, assets: 1234.5, staff: null, rate: null } }]);
  });

  it('refuses the whole file, listing each: an unknown header, a wrong unit, a repeated column, a missing required column, data under no header', async () => {
    const refused = await refusedWith(() => read('统一社会信用代码,资产总额（元）,注册日期,成立日期,联系邮箱,\n91350100M000100Y43,1,2020-01-01,2020-01-01,a@b.cn,x\n,,,,,,,beyond\n'));
    expect(refused.status).toBe(400);
    expect(refused.problems.map((p) => [p.reason, p.column ?? p.position])).toEqual([
      ['UNKNOWN_COLUMN', '资产总额（元）'],
      ['DUPLICATE_COLUMN', '成立日期'],
      ['UNKNOWN_COLUMN', '联系邮箱'],
      ['UNNAMED_COLUMN', 6],
      ['UNNAMED_COLUMN', 8],
      ['MISSING_COLUMN', '机构名称'],
    ]);
    expect(refused.problems.every((p) => /[\u4e00-\u9fff]/.test(String(p.messageZh)) && /^[A-Z]/.test(String(p.messageEn)))).toBe(true);
  });

  it('refuses a file whose first ten rows have no header row, and one with no rows under its header', async () => {
    expect((await refusedWith(() => read('机构名称\n太原测试服务中心\n'))).problems).toEqual([expect.objectContaining({ reason: 'MISSING_COLUMN', column: '统一社会信用代码' })]);
    expect((await refusedWith(() => read('统一社会信用代码,机构名称\n,\n'))).problems).toEqual([expect.objectContaining({ reason: 'NO_ROWS' })]);
  });
});

describe('the row limit at its boundary', () => {
  const rows = (n: number) => `统一社会信用代码,机构名称\n${Array.from({ length: n }, (_, i) => `91350100M000100Y43,机构${i}`).join('\n')}\n`;
  it('reads exactly maxRows data rows (the header and empty rows not counted) and refuses one more', async () => {
    expect((await read(`${rows(3)}\n,\n`, 3)).records).toHaveLength(3);
    const refused = await refusedWith(() => read(rows(4), 3));
    expect(refused).toEqual({ status: 400, problems: [expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_ROWS', limit: 3, rows: 4 })] });
  });
});

describe('cells', () => {
  it('reads the date forms spreadsheets hold, numbers with separators, percentages with their sign, labels of a choice', async () => {
    const { records, problems } = await read(
      '统一社会信用代码,机构名称,法人类型,成立日期,从业人数(人),用户满意度,资产总额\n' +
      'A, x ,企业,2018/4/1,12,95%,"-1,000"\n' +
      'B,y,事业单位,2018年4月1日,0,80.5,1e3\n' +
      'C,z,企业法人,20180401,3,100,.5\n',
    );
    expect(problems.count).toBe(0);
    expect(records.map((r) => r.values)).toEqual([
      { code: 'A', name: 'x', kind: 'E', on: '2018-04-01', assets: -1000, staff: 12, rate: 95 },
      { code: 'B', name: 'y', kind: 'P', on: '2018-04-01', assets: 1000, staff: 0, rate: 80.5 },
      { code: 'C', name: 'z', kind: 'E', on: '2018-04-01', assets: 0.5, staff: 3, rate: 100 },
    ]);
  });

  it('keeps every cell problem of every row, by line and the header the file uses, and refuses them all at once (422)', async () => {
    const { records, problems } = await read(
      '统一社会信用代码,单位名称,法人类型,注册日期,从业人数,用户满意度,资产总额\n' +
      ',ok,企业,2018-02-30,12.5,95%,1\n' +
      '91350100M000100Y43,,公司,2018-04-01,3,9五,—\n' +
      '91350100M000100Y43,ok,企业,2018-04-01,3,80,2\n',
    );
    expect(records).toHaveLength(3);
    expect([problems.has(2), problems.has(3), problems.has(4)]).toEqual([true, true, false]);
    const refused = await refusedWith(() => problems.refuseIfAny(records.length));
    expect(refused.status).toBe(422);
    expect(refused.problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [2, '统一社会信用代码', 'REQUIRED'],
      [2, '注册日期', 'INVALID_DATE'],
      [2, '从业人数', 'NOT_AN_INTEGER'],
      [3, '单位名称', 'REQUIRED'],
      [3, '法人类型', 'UNKNOWN_VALUE'],
      [3, '用户满意度', 'NOT_A_NUMBER'],
      [3, '资产总额', 'NOT_A_NUMBER'],
    ]);
    expect(refused.problems[0]).toMatchObject({ code: 'BAD_USER_INPUT', line: 2, field: 'code', messageZh: '第 2 行「统一社会信用代码」：必填，不能为空', messageEn: 'Line 2, column 统一社会信用代码: required, must not be empty' });
    expect(refused.problems[4]).toMatchObject({ allowed: ['企业法人', '事业单位'] });
  });

  it('refuses a code Excel turned into a number (its last digits are gone), and reads a short one', () => {
    expect(() => codeCell.parse(911100001000044000)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'NOT_TEXT' }) }));
    expect(codeCell.parse(140105)).toBe('140105');
  });

  it('collects a service check’s refusal under the field’s column', async () => {
    const { records, problems } = await read('统一社会信用代码,机构名称\nA,x\n');
    problems.at(records[0].line)(badInput({ zh: '错', en: 'wrong' }, { reason: 'X' }), 'name');
    expect((await refusedWith(() => problems.refuseIfAny(1))).problems).toEqual([expect.objectContaining({ line: 2, column: '机构名称', field: 'name', reason: 'X' })]);
  });
});

describe('the template', () => {
  it('has the headers the import reads, codes formatted as text, a drop-down for a choice, and 填写说明', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load((await importTemplateWorkbook({ sheetName: '机构', columns: COLUMNS, notes: ['说明'] })) as never);
    const sheet = workbook.getWorksheet('机构')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['统一社会信用代码', '机构名称', '法人类型', '成立日期', '资产总额（万元）', '从业人数（人）', '用户满意度（%）']);
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getRow(2).getCell(3).dataValidation).toMatchObject({ type: 'list', formulae: ['"企业法人,事业单位"'] });
    expect(workbook.getWorksheet('填写说明')!.getRow(1).getCell(1).value).toBe('说明');
    const { rows } = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(() => importRows([...rows, { line: 2, cells: ['A', 'x'] }], SPEC)).not.toThrow();
  });
});

describe('the upload route', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const route = uploadRoute<null>(
      async (upload) => {
        if (upload.query.get('case') === 'rows') throw new FileRefusal(422, [badInput({ zh: '第 2 行', en: 'Line 2' }, { line: 2 })], { zh: '有错', en: 'Errors' }, { rowsRead: 1, rowsRefused: 1 });
        if (upload.query.get('case') === 'crash') throw new Error('select * from secret_table failed');
        return { bytes: upload.body.length, contentType: upload.contentType };
      },
      async () => null,
      { maxBytes: 10, maxRows: 1 },
    );
    server = createHttpServer({ '/imports/file': route });
    base = `http://127.0.0.1:${await listen(server, 0)}/imports/file`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('takes a body of exactly maxBytes and refuses one byte more with 413', async () => {
    const ok = await fetch(base, { method: 'POST', body: 'x'.repeat(10), headers: { 'content-type': 'text/csv' } });
    expect([ok.status, await ok.json()]).toEqual([200, { data: { bytes: 10, contentType: 'text/csv' } }]);
    const tooLarge = await fetch(base, { method: 'POST', body: 'x'.repeat(11) });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REQUEST_TOO_LARGE', limitBytes: 10 });
  });

  it('answers a FileRefusal with its status, one error per problem and the summary; an unforeseen failure with 500 and no detail', async () => {
    const rows = await fetch(`${base}?case=rows`, { method: 'POST', body: 'x' });
    expect(rows.status).toBe(422);
    expect(await rows.json()).toEqual({ errors: [{ message: '第 2 行 / Line 2', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', line: 2 }) }], extensions: { rowsRead: 1, rowsRefused: 1 } });
    const crash = await fetch(`${base}?case=crash`, { method: 'POST', body: 'x' });
    expect(crash.status).toBe(500);
    expect(await crash.text()).not.toContain('secret_table');
  });

  it('takes POST only, and reads its limits from the environment (a malformed one stops the start)', async () => {
    const get = await fetch(base);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect(uploadLimitsFromEnv({})).toEqual({ maxBytes: 5_000_000, maxRows: 5000 });
    expect(uploadLimitsFromEnv({ IMPORT_MAX_BYTES: '100', IMPORT_MAX_ROWS: '2' })).toEqual({ maxBytes: 100, maxRows: 2 });
    expect(() => uploadLimitsFromEnv({ IMPORT_MAX_ROWS: '0' })).toThrow(/IMPORT_MAX_ROWS/);
    expect(() => uploadLimitsFromEnv({ IMPORT_MAX_BYTES: '5MB' })).toThrow(/IMPORT_MAX_BYTES/);
  });
});
