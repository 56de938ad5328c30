import { Workbook, type Worksheet } from 'exceljs';
import { ErrorCode, ReviewAction, Role, findDomainError, type AuthUser } from '@sme/kernel';
import { ADMIN, openLibrary, passingFigures, type LibraryFixture } from './support/library-fixture';
import { recommendationSummary, type RecommendationSummary } from '../src/applications/recommendation-summary';
import { attachMaterial, createApplication, reviewApplication, submitApplication } from '../src/applications/application.service';
import { LibraryCategory, ServiceNature } from '../src/categories';
import { MATERIALS } from '../src/materials';
import { LibraryApplicationStatus, ReviewStep } from '../src/applications/application-status';
import { recommendationSummaryWorkbook, summaryAsciiFileName, summaryFileName } from '../src/exports/recommendation-summary.xlsx';
import { libraryExportRoutes } from '../src/exports/export-routes';
import type { LibraryContext } from '../src/context';

let lib: LibraryFixture;
const names = { early: '太原元旦检测服务中心', admitted: '太原小店科技服务有限公司', opinion: '太原迎泽数字服务有限公司' };
let summary: RecommendationSummary;

const cityReviewer = (region: string): AuthUser => ({ id: `city-${region}`, name: null, role: Role.CITY_REVIEWER, region, institutionId: null, panel: null });
const ATTESTED = { politicalCommitment: true, serviceCapability: true, legalRepresentativePledge: true };

/** An application with chosen categories and nature, submitted on `on` with every required material. */
async function submit(institutionId: string, on: string, categories: LibraryCategory[], nature: ServiceNature): Promise<string> {
  const application = await createApplication(lib.em(), lib.config, ADMIN, { institutionId, categories, nature, declared: passingFigures(Number(on.slice(0, 4)) - 1), attestations: ATTESTED }, on);
  for (const m of MATERIALS.filter((x) => x.required)) {
    await attachMaterial(lib.em(), ADMIN, { applicationId: application.id, item: m.item, fileName: `${m.item}.pdf`, mediaType: 'application/pdf', sizeBytes: 1000, sha256: 'b'.repeat(64) });
  }
  await submitApplication(lib.em(), lib.config, ADMIN, application.id, on);
  return application.id;
}

/** Submitted on `submittedOn`, passed by the county, then decided by the city on `cityOn`. */
async function throughCity(institutionId: string, submittedOn: string, cityOn: string, city: { action: ReviewAction; opinion?: string; reason?: string }, categories = [LibraryCategory.TECHNOLOGY_INNOVATION], nature = ServiceNature.PUBLIC_WELFARE) {
  const id = await submit(institutionId, submittedOn, categories, nature);
  await reviewApplication(lib.em(), lib.config, ADMIN, { applicationId: id, step: ReviewStep.COUNTY, action: ReviewAction.APPROVE }, submittedOn);
  return reviewApplication(lib.em(), lib.config, ADMIN, { applicationId: id, step: ReviewStep.CITY, ...city }, cityOn);
}

async function readBack(buffer: Buffer): Promise<Worksheet> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

/** The values of row `n`, columns A..H, as a reader of the sheet sees them (an empty cell is null). */
const rowValues = (sheet: Worksheet, n: number) => Array.from({ length: 8 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);

beforeAll(async () => {
  lib = await openLibrary();
  // Taiyuan (140100): recommended on the first day of 2026; admitted through the whole path; recommended with an opinion
  await throughCity(await lib.knowInstitution({ regionCode: '140107', name: names.early }), '2025-12-29', '2026-01-01', { action: ReviewAction.APPROVE });
  await lib.admit(await lib.knowInstitution({ regionCode: '140105', name: names.admitted }), '2026-03-02');
  await throughCity(await lib.knowInstitution({ regionCode: '140106', name: names.opinion }), '2026-04-01', '2026-04-10',
    { action: ReviewAction.APPROVE, opinion: '材料真实完整，同意推荐' }, [LibraryCategory.TECHNOLOGY_INNOVATION, LibraryCategory.DIGITAL_ENABLEMENT], ServiceNature.COMMERCIAL);
  // not in Taiyuan's 2026 table: recommended on the last day of 2025; rejected by the city; recommended by 大同
  await throughCity(await lib.knowInstitution({ regionCode: '140105', name: '太原年末服务有限公司' }), '2025-12-01', '2025-12-31', { action: ReviewAction.APPROVE });
  await throughCity(await lib.knowInstitution({ regionCode: '140106', name: '太原驳回服务有限公司' }), '2026-05-06', '2026-05-08', { action: ReviewAction.REJECT, reason: '服务业绩不足' });
  await throughCity(await lib.knowInstitution({ regionCode: '140212', name: '大同新荣服务有限公司' }), '2026-05-06', '2026-05-08', { action: ReviewAction.APPROVE });
  summary = await recommendationSummary(lib.em(), lib.config, ADMIN, '140100', 2026);
}, 60_000);
afterAll(() => lib?.close());

describe('the summary the workbook is made from (第八条（二）)', () => {
  it('lists what the city recommended in the year, in recommendation order, and offers its download path', () => {
    expect(summary.rows.map((r) => [r.institutionName, r.recommendedOn, r.status])).toEqual([
      [names.early, '2026-01-01', LibraryApplicationStatus.CITY_RECOMMENDED],
      [names.admitted, '2026-03-02', LibraryApplicationStatus.ADMITTED],
      [names.opinion, '2026-04-10', LibraryApplicationStatus.CITY_RECOMMENDED],
    ]);
    expect(summary.downloadPath).toBe('/exports/library/recommendation-summary.xlsx?unitCode=140100&year=2026');
  });
});

describe('recommendationSummaryWorkbook', () => {
  let sheet: Worksheet;
  beforeAll(async () => (sheet = await readBack(await recommendationSummaryWorkbook(summary))));

  it('has the table’s title merged across the columns, then the unit (for its seal) and the year', () => {
    expect(sheet.name).toBe('推荐汇总表');
    expect(sheet.getCell('A1').value).toBe('太原市优质中小企业公共服务资源库入库机构推荐汇总表');
    expect(sheet.getCell('H1').isMerged).toBe(true);
    expect(sheet.getCell('H1').master.address).toBe('A1');
    expect(sheet.getCell('I1').isMerged).toBe(false);
    expect(sheet.getCell('A2').value).toBe('推荐单位（盖章）：太原市');
    expect(sheet.getCell('E2').value).toBe('年度：2026');
  });

  it('has the header row the notice’s table has', () => {
    expect(rowValues(sheet, 3)).toEqual(['序号', '机构名称', '统一社会信用代码', '所在县（市、区）', '服务类别', '服务性质', '推荐日期', '推荐意见']);
  });

  it('has one bordered row per recommended institution, cell for cell as the summary', () => {
    summary.rows.forEach((row, i) => {
      expect(rowValues(sheet, 4 + i)).toEqual([i + 1, row.institutionName, row.creditCode, row.regionName, row.categories, row.nature, row.recommendedOn, row.opinion ?? null]);
      for (let c = 1; c <= 8; c++) expect(sheet.getRow(4 + i).getCell(c).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    });
    expect(rowValues(sheet, 4)).toEqual([1, names.early, summary.rows[0].creditCode, '杏花岭区', '技术创新类', '公益性', '2026-01-01', null]);
    expect(rowValues(sheet, 6)).toEqual([3, names.opinion, summary.rows[2].creditCode, '迎泽区', '技术创新类、数字赋能类', '社会化', '2026-04-10', '材料真实完整，同意推荐']);
    expect(sheet.getRow(5).getCell(3).numFmt).toBe('@');
    expect(typeof sheet.getRow(5).getCell(3).value).toBe('string');
  });

  it('ends with the 填报人 / 联系电话 / 填报日期 line, left blank, after a spacer row', () => {
    expect(rowValues(sheet, 7)).toEqual(Array(8).fill(null));
    const footer = sheet.getRow(8);
    expect(footer.getCell(1).value).toBe('填报人：');
    expect(footer.getCell(4).value).toBe('联系电话：');
    expect(String(footer.getCell(6).value)).toMatch(/^填报日期：\s*年\s*月\s*日$/);
    expect(sheet.rowCount).toBe(8);
  });

  it('is laid out to print: column widths, frozen headers, A4 landscape one page wide, headers repeated', () => {
    expect(sheet.columns.map((c) => c.width)).toEqual([6, 34, 22, 16, 22, 10, 12, 40]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:3');
  });

  it('names the file after the table, with an ASCII name for old clients', () => {
    expect(summaryFileName(summary)).toBe('太原市优质中小企业公共服务资源库入库机构推荐汇总表.xlsx');
    expect(summaryAsciiFileName(summary)).toBe('recommendation-summary-140100-2026.xlsx');
  });

  it('gives a year with no recommendation the header and no rows', async () => {
    const empty = await recommendationSummary(lib.em(), lib.config, ADMIN, '140100', 2024);
    expect(empty.rows).toEqual([]);
    const emptySheet = await readBack(await recommendationSummaryWorkbook(empty));
    expect(emptySheet.getCell('E2').value).toBe('年度：2024');
    expect(rowValues(emptySheet, 3)[0]).toBe('序号');
    expect(rowValues(emptySheet, 4)).toEqual(Array(8).fill(null));
    expect(emptySheet.getRow(5).getCell(1).value).toBe('填报人：');
    expect(emptySheet.rowCount).toBe(5);
  });
});

describe('the download route (GET /exports/recommendation-summary.xlsx)', () => {
  const route = () => libraryExportRoutes(lib.config)['/exports/recommendation-summary.xlsx'];
  const ctx = (user: AuthUser | null) => ({ user, em: lib.em() }) as unknown as LibraryContext;
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    return findDomainError(error)?.extensions;
  };

  it('answers the city’s own reviewer with the workbook of the summary, named after the table', async () => {
    const file = await route()(new URLSearchParams({ unitCode: '140100', year: '2026' }), ctx(cityReviewer('140100')));
    expect(file).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: summaryFileName(summary), asciiFileName: 'recommendation-summary-140100-2026.xlsx' });
    const sheet = await readBack(file.body);
    expect(rowValues(sheet, 6)[1]).toBe(names.opinion);
  });

  it('refuses as the GraphQL field does: another city’s reviewer, no caller, an unknown unit', async () => {
    expect(await refusal(route()(new URLSearchParams({ unitCode: '140100', year: '2026' }), ctx(cityReviewer('140200'))))).toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await refusal(route()(new URLSearchParams({ unitCode: '140100', year: '2026' }), ctx(null)))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(await refusal(route()(new URLSearchParams({ unitCode: '140105', year: '2026' }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, reason: 'UNKNOWN_REGION' });
    expect(await refusal(route()(new URLSearchParams({ year: '2026' }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'unitCode' });
  });

  it('takes a four-digit year and nothing else', async () => {
    for (const year of ['26', '2026.0', '２０２６', '']) {
      expect(await refusal(route()(new URLSearchParams({ unitCode: '140100', year }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'year' });
    }
    expect(await refusal(route()(new URLSearchParams({ unitCode: '140100' }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'year' });
    await expect(route()(new URLSearchParams({ unitCode: '140100', year: '2024' }), ctx(ADMIN))).resolves.toMatchObject({ asciiFileName: 'recommendation-summary-140100-2024.xlsx' });
  });
});
