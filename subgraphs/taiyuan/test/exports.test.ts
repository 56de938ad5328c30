import type http from 'node:http';
import { Workbook, type Worksheet } from 'exceljs';
import {
  ErrorCode, Role, authenticate, createHttpServer, downloadRoute, findDomainError, listen, signToken, type AuthUser, type Route,
  chineseDate, heightFor,
} from '@sme/kernel';
import {
  ADMIN, ANALYST, CITY_REVIEWER, XIAODIAN, YINGZE, ZONE, applicantOf, countyReviewerOf, execute, expertOf, openTaiyuan, survey as sampledSurvey,
  taiyuanSchema, userOf, type TaiyuanFixture,
} from './support/taiyuan-fixture';
import { taiyuan } from '../src/server';
import type { Context } from '../src/context';
import { sampleReport } from '../src/demo-report';
import { DeclineAction } from '../src/applications/application.inputs';
import { TaiyuanApplicationStatus as Status, TaiyuanStep } from '../src/applications/application-status';
import { declineApplication, designateApplication, recommendApplication, recordExpertReview } from '../src/applications/application.service';
import { openCampaign } from '../src/campaigns/campaigns.service';
import { SurveyMethod, SurveyRating, type SurveyEntryInput } from '../src/county-recommendations/survey';
import { recommendToProvince } from '../src/provincial-recommendations/provincial-recommendations.service';
import { summaryTable, type SummaryTable } from '../src/provincial-recommendations/summary-table';
import { countyRecommendationForm, type CountyRecommendationForm } from '../src/exports/county-recommendation-form';
import {
  BLANK_PANEL_ROWS, countyRecommendationFormBook, countyRecommendationFormXlsx, formAsciiFileName, formFileName, methodsLine,
} from '../src/exports/county-recommendation-form.xlsx';
import { STATUS_LABELS, summaryTableAsciiFileName, summaryTableFileName, summaryTableXlsx } from '../src/exports/summary-table.xlsx';
import { taiyuanExportRoutes } from '../src/exports/export-routes';

/**
 * 并工信字〔2023〕26号 附件1 推荐表 and 附件3 汇总表 as .xlsx (SPEC §5 item 7): workbooks made from applications
 * taken through the services on the 2023 campaign's dates (deadline 2023-03-23), read back cell by cell; the
 * download routes' permissions and refusals; the routes as the subgraph serves them over HTTP.
 */
let fx: TaiyuanFixture;

const NAMES = { designated: '太原晋阳企业服务有限公司', zone: '太原中北科创服务中心', submitted: '太原迎泽咨询服务有限公司', rejected: '太原小店驳回服务有限公司' };

/** The designated application's survey: ten enterprises, 6 很满意, 3 基本满意, 1 不满意 (满意率 90%). */
const RATINGS = [
  SurveyRating.VERY_SATISFIED, SurveyRating.VERY_SATISFIED, SurveyRating.SATISFIED, SurveyRating.VERY_SATISFIED, SurveyRating.DISSATISFIED,
  SurveyRating.VERY_SATISFIED, SurveyRating.SATISFIED, SurveyRating.VERY_SATISFIED, SurveyRating.VERY_SATISFIED, SurveyRating.SATISFIED,
];
const SURVEY: SurveyEntryInput[] = RATINGS.map((rating, i) => ({
  enterprise: `太原市抽样企业${i + 1}号有限公司`, interviewee: `被访人${i + 1}`, title: ['总经理', '财务总监', '办公室主任'][i % 3],
  phone: i === 0 ? '0351-2020238' : `1380351${String(i).padStart(4, '0')}`, serviceReceived: ['融资对接', '管理咨询', '人才培训'][i % 3], rating,
}));
const IMPACT = '带动小店区装备制造企业融资与管理水平提升；全年组织对接活动 12 场，服务覆盖区内重点产业，区内中小企业满意度高，示范带动作用明显。';
const OPINION = '经测评和实地考察，该平台服务能力强、业绩突出，同意推荐。';
const PANEL = [
  { name: '张教授', title: '教授', organisation: '太原理工大学' },
  { name: '刘高工', title: '正高级工程师', organisation: '太原市中小企业发展促进中心' },
  { name: '陈会计师', title: '注册会计师', organisation: '山西某会计师事务所' },
];
const REVIEW_OPINION = '服务功能完善，业绩突出，建议认定。';

const ids = { designated: '', zone: '', submitted: '', rejected: '' };
const institutions = { designated: '', zone: '', submitted: '', rejected: '' };

beforeAll(async () => {
  fx = await openTaiyuan();
  institutions.designated = await fx.knowInstitution({ regionCode: XIAODIAN, name: NAMES.designated });
  institutions.zone = await fx.knowInstitution({ regionCode: ZONE, name: NAMES.zone });
  institutions.submitted = await fx.knowInstitution({ regionCode: YINGZE, name: NAMES.submitted });
  institutions.rejected = await fx.knowInstitution({ regionCode: XIAODIAN, name: NAMES.rejected });

  // surveyed by 上门拜访, 书面征求 and 其他; reviewed by a panel of three; designated; recommended to the province
  const designated = await fx.walk(institutions.designated, Status.SUBMITTED, { dates: { submitted: '2023-03-17' } });
  ids.designated = designated.id;
  await recommendApplication(fx.em(), countyReviewerOf(XIAODIAN), {
    applicationId: designated.id, methods: [SurveyMethod.VISIT, SurveyMethod.WRITTEN, SurveyMethod.OTHER], survey: SURVEY, impactStatement: IMPACT, opinion: OPINION,
  }, '2023-03-21');
  await recordExpertReview(fx.em(), expertOf(2023), { applicationId: designated.id, panel: PANEL, opinion: REVIEW_OPINION, recommendsDesignation: true, reviewedOn: '2023-04-10' }, '2023-04-10');
  await designateApplication(fx.em(), CITY_REVIEWER, { applicationId: designated.id }, '2023-04-20');
  await recommendToProvince(fx.em(), CITY_REVIEWER, { institutionId: institutions.designated, campaignYear: 2023, cityOpinion: '同意推荐申报省级示范平台。' }, '2023-04-25');

  // the development zone recommends eleven enterprises, all very satisfied; no panel yet
  ids.zone = (await fx.walk(institutions.zone, Status.COUNTY_RECOMMENDED, { dates: { submitted: '2023-03-18', recommended: '2023-03-22' }, report: sampleReport(2023, 1), survey: sampledSurvey(11, 'z') })).id;
  // waiting for its county; and one its county declined: neither has a form, nor a line in the table
  ids.submitted = (await fx.walk(institutions.submitted, Status.SUBMITTED, { dates: { submitted: '2023-03-19' } })).id;
  ids.rejected = (await fx.walk(institutions.rejected, Status.SUBMITTED, { dates: { submitted: '2023-03-20' } })).id;
  await declineApplication(fx.em(), countyReviewerOf(XIAODIAN), { applicationId: ids.rejected, step: TaiyuanStep.COUNTY, action: DeclineAction.REJECT, reason: '服务业绩不足' }, '2023-03-22');
}, 120_000);
afterAll(() => fx?.close());

async function readBack(buffer: Buffer): Promise<Worksheet> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

/**
 * Row `r`, columns 1..`width`, as a reader sees it: a cell's value (null when empty), or `=A1` for a cell merged
 * into the range whose first cell is A1 — so a test states both the values and the merges.
 */
function show(sheet: Worksheet, r: number, width = 8): unknown[] {
  return Array.from({ length: width }, (_, i) => {
    const cell = sheet.getRow(r).getCell(i + 1);
    return cell.master.address !== cell.address ? `=${cell.master.address}` : (cell.value ?? null);
  });
}

const boxed = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const TICKS: Record<SurveyRating, [string | null, string | null, string | null]> = {
  VERY_SATISFIED: ['✓', null, null], SATISFIED: [null, '✓', null], DISSATISFIED: [null, null, '✓'],
};

/** The rows a page ends after: exceljs writes page breaks but does not read them back, so they are read off the workbook before it is written. */
const pageBreaksOf = (form: CountyRecommendationForm) => (countyRecommendationFormBook(form).worksheets[0] as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id);

const refusal = async (promise: Promise<unknown>) => findDomainError(await promise.then(() => null, (e: unknown) => e))?.extensions;

describe('the form’s data (附件1)', () => {
  it('gathers the survey, its totals, the impact, the opinion, the panel, and names the recommending unit in full', async () => {
    const form = await countyRecommendationForm(fx.em(), ADMIN, ids.designated);
    expect(form).toMatchObject({
      applicationId: ids.designated, campaignYear: 2023, institutionName: NAMES.designated, recommendingUnit: '太原市小店区',
      methods: [SurveyMethod.VISIT, SurveyMethod.WRITTEN, SurveyMethod.OTHER], impactStatement: IMPACT, opinion: OPINION, recommendedOn: '2023-03-21',
      satisfaction: { sampled: 10, verySatisfied: 6, satisfied: 3, dissatisfied: 1, satisfactionRate: 90 },
      expertReview: { panel: PANEL, opinion: REVIEW_OPINION, reviewedOn: '2023-04-10' },
    });
    expect(form.survey).toEqual(SURVEY);
    // a development zone's name already says 太原; it has no panel yet
    expect(await countyRecommendationForm(fx.em(), ADMIN, ids.zone)).toMatchObject({ recommendingUnit: '太原中北高新技术产业开发区', expertReview: null, recommendedOn: '2023-03-22' });
  });
});

describe('the 推荐表 workbook of a reviewed application', () => {
  let form: CountyRecommendationForm;
  let sheet: Worksheet;
  beforeAll(async () => {
    form = await countyRecommendationForm(fx.em(), ADMIN, ids.designated);
    sheet = await readBack(await countyRecommendationFormXlsx(form));
  });

  it('has the cover: title, 承担单位, 推荐单位, 填报日期 (the day the county recommended) on their lines, 太原市工业和信息化局制', () => {
    expect(sheet.name).toBe('推荐表');
    expect(show(sheet, 1)).toEqual(Array(8).fill(null));
    expect(show(sheet, 2)).toEqual(['太原市中小企业公共服务示范平台', '=A2', '=A2', '=A2', '=A2', '=A2', '=A2', '=A2']);
    expect(show(sheet, 3)).toEqual(['推荐表', '=A3', '=A3', '=A3', '=A3', '=A3', '=A3', '=A3']);
    expect(show(sheet, 4)).toEqual(Array(8).fill(null));
    expect(show(sheet, 5)).toEqual(['示范平台承担单位名称：', '=A5', NAMES.designated, '=C5', '=C5', '=C5', '=C5', null]);
    expect(show(sheet, 6)).toEqual(['推荐单位：', '=A6', '太原市小店区', '=C6', '=C6', '=C6', '=C6', null]);
    expect(show(sheet, 7)).toEqual(['填报日期：', '=A7', '2023年3月21日', '=C7', '=C7', '=C7', '=C7', null]);
    expect(sheet.getCell('C5').border).toMatchObject({ bottom: { style: 'thin' } });
    expect(show(sheet, 8)).toEqual(Array(8).fill(null));
    expect(show(sheet, 9)).toEqual(['太原市工业和信息化局制', '=A9', '=A9', '=A9', '=A9', '=A9', '=A9', '=A9']);
  });

  it('has 专家组评审意见: the opinion and its date in the box, then each expert with the 签字 cell left blank', () => {
    expect(show(sheet, 10)).toEqual(['专家组评审意见', '=A10', '=A10', '=A10', '=A10', '=A10', '=A10', '=A10']);
    expect(show(sheet, 11)).toEqual([REVIEW_OPINION, '=A11', '=A11', '=A11', '=A11', '=A11', '=A11', '=A11']);
    expect(show(sheet, 12)).toEqual(['评审日期：2023年4月10日', '=A12', '=A12', '=A12', '=A12', '=A12', '=A12', '=A12']);
    expect(show(sheet, 13)).toEqual(['专家姓名', '职务/职称', '=B13', '工作单位', '=D13', '签字', '=F13', '=F13']);
    PANEL.forEach((expert, i) => {
      const r = 14 + i;
      expect(show(sheet, r)).toEqual([expert.name, expert.title, `=B${r}`, expert.organisation, `=D${r}`, null, `=F${r}`, `=F${r}`]);
      for (const column of ['A', 'B', 'D', 'F']) expect(sheet.getCell(`${column}${r}`).border).toMatchObject(boxed);
    });
    // the box is closed on both sides, and below the date
    expect(sheet.getCell('A11').border).toMatchObject({ left: { style: 'thin' }, right: { style: 'thin' } });
    expect(sheet.getCell('A12').border).toMatchObject({ bottom: { style: 'thin' } });
  });

  it('has 推荐单位组织测评情况 with the methods ticked and the two header rows of the printed form', () => {
    expect(show(sheet, 17)).toEqual(['推荐单位组织测评情况（随机抽取，不少于10家）', '=A17', '=A17', '=A17', '=A17', '=A17', '=A17', '=A17']);
    expect(show(sheet, 18)).toEqual(['测评方法', '☑上门拜访　　☐电话询问　　☐网络互动　　☑书面征求　　☑其他', '=B18', '=B18', '=B18', '=B18', '=B18', '=B18']);
    expect(show(sheet, 19)).toEqual(['抽样企业名称', '被访人员姓名', '职务', '联系电话', '接受服务内容', '对所受服务的总体评价', '=F19', '=F19']);
    expect(show(sheet, 20)).toEqual(['=A19', '=B19', '=C19', '=D19', '=E19', '很满意', '基本满意', '不满意']);
  });

  it('has one bordered row per sampled enterprise, cell for cell as recorded, with a ✓ under its rating', () => {
    SURVEY.forEach((entry, i) => {
      const r = 21 + i;
      expect(show(sheet, r)).toEqual([entry.enterprise, entry.interviewee, entry.title, entry.phone, entry.serviceReceived, ...TICKS[entry.rating]]);
      for (let c = 1; c <= 8; c++) expect(sheet.getRow(r).getCell(c).border).toMatchObject(boxed);
      // a phone number is text: never a number Excel would shorten or lose the leading 0 of
      expect(sheet.getRow(r).getCell(4).numFmt).toBe('@');
      expect(typeof sheet.getRow(r).getCell(4).value).toBe('string');
    });
    expect(sheet.getCell('D21').value).toBe('0351-2020238');
    // the ticks add up to the totals below them
    const ticks = (column: string) => SURVEY.filter((_, i) => sheet.getCell(`${column}${21 + i}`).value === '✓').length;
    expect([ticks('F'), ticks('G'), ticks('H')]).toEqual([6, 3, 1]);
  });

  it('totals the survey: the sample and 满意率 (很满意 + 基本满意), and the count under each rating', () => {
    expect(show(sheet, 31)).toEqual(['合计：测评企业 10 家，满意率 90%', '=A31', '=A31', '=A31', '=A31', 6, 3, 1]);
  });

  it('ends with 对区域中小企业发展的影响和作用 and the county’s 推荐意见, （盖章） and the date', () => {
    expect(show(sheet, 32)).toEqual(['对区域中小企业发展的影响和作用', IMPACT, '=B32', '=B32', '=B32', '=B32', '=B32', '=B32']);
    expect(show(sheet, 33)).toEqual(['县（市、区）、开发区中小企业主管部门推荐意见：', '=A33', '=A33', '=A33', '=A33', '=A33', '=A33', '=A33']);
    expect(show(sheet, 34)).toEqual([OPINION, '=A34', '=A34', '=A34', '=A34', '=A34', '=A34', '=A34']);
    expect(show(sheet, 35)).toEqual(['（盖章）', '=A35', '=A35', '=A35', '=A35', '=A35', '=A35', '=A35']);
    expect(show(sheet, 36)).toEqual(['2023年3月21日', '=A36', '=A36', '=A36', '=A36', '=A36', '=A36', '=A36']);
    expect(sheet.getCell('A35').alignment).toMatchObject({ horizontal: 'right' });
    expect(sheet.getCell('A36').border).toMatchObject({ left: { style: 'thin' }, right: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(sheet.rowCount).toBe(36);
  });

  it('is laid out to print on A4 portrait, one page wide, with the cover and the panel on pages of their own', () => {
    expect(sheet.columns.map((c) => c.width)).toEqual([28, 11, 11, 15, 26, 8, 8, 8]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(pageBreaksOf(form)).toEqual([9, 16]);
    // the impact statement's box is at least as tall as the printed form's
    expect(sheet.getRow(32).height).toBe(120);
  });

  it('is named after the form and the institution, with an ASCII name for old clients', () => {
    expect(formFileName(form)).toBe(`太原市中小企业公共服务示范平台推荐表（${NAMES.designated}）.xlsx`);
    expect(formAsciiFileName(form)).toBe(`county-recommendation-form-${ids.designated}.xlsx`);
    expect(formFileName({ ...form, institutionName: '太原A/B:服务*中心' })).toBe('太原市中小企业公共服务示范平台推荐表（太原A_B_服务_中心）.xlsx');
  });
});

describe('the 推荐表 workbook before the panel has reviewed', () => {
  let sheet: Worksheet;
  let form: CountyRecommendationForm;
  beforeAll(async () => {
    form = await countyRecommendationForm(fx.em(), ADMIN, ids.zone);
    sheet = await readBack(await countyRecommendationFormXlsx(form));
  });

  it('leaves the panel’s opinion, date and five rows for signing blank', () => {
    expect(show(sheet, 6)).toEqual(['推荐单位：', '=A6', '太原中北高新技术产业开发区', '=C6', '=C6', '=C6', '=C6', null]);
    expect(show(sheet, 11)).toEqual([null, '=A11', '=A11', '=A11', '=A11', '=A11', '=A11', '=A11']);
    expect(show(sheet, 12)).toEqual(['年　　月　　日', '=A12', '=A12', '=A12', '=A12', '=A12', '=A12', '=A12']);
    expect(BLANK_PANEL_ROWS).toBe(5);
    for (let r = 14; r < 14 + BLANK_PANEL_ROWS; r++) {
      expect(show(sheet, r)).toEqual([null, null, `=B${r}`, null, `=D${r}`, null, `=F${r}`, `=F${r}`]);
      expect(sheet.getCell(`A${r}`).border).toMatchObject(boxed);
    }
    expect(pageBreaksOf(form)).toEqual([9, 18]);
  });

  it('lists all eleven enterprises, with 电话询问 and 上门拜访 ticked, and totals them', () => {
    expect(show(sheet, 20)[1]).toBe('☑上门拜访　　☑电话询问　　☐网络互动　　☐书面征求　　☐其他');
    const entries = sampledSurvey(11, 'z');
    entries.forEach((entry, i) => expect(show(sheet, 23 + i)).toEqual([entry.enterprise, entry.interviewee, entry.title, entry.phone, entry.serviceReceived, '✓', null, null]));
    expect(show(sheet, 34)).toEqual(['合计：测评企业 11 家，满意率 100%', '=A34', '=A34', '=A34', '=A34', 11, 0, 0]);
    expect(show(sheet, 39)[0]).toBe('2023年3月22日');
    expect(sheet.rowCount).toBe(39);
  });
});

describe('pieces of the form', () => {
  it('ticks exactly the methods used, in the form’s order', () => {
    expect(methodsLine([])).toBe('☐上门拜访　　☐电话询问　　☐网络互动　　☐书面征求　　☐其他');
    expect(methodsLine([SurveyMethod.OTHER, SurveyMethod.ONLINE])).toBe('☐上门拜访　　☐电话询问　　☑网络互动　　☐书面征求　　☑其他');
    expect(methodsLine(Object.values(SurveyMethod))).toBe('☑上门拜访　　☑电话询问　　☑网络互动　　☑书面征求　　☑其他');
  });

  it('gives a long name, a long service or a long expert’s title the height it wraps to, and short ones the form’s own', async () => {
    const form = await countyRecommendationForm(fx.em(), ADMIN, ids.designated);
    const long = {
      ...form,
      institutionName: '太原市'.repeat(20),
      survey: [{ ...form.survey[0], serviceReceived: '融资对接、管理咨询、人才培训、数字化转型诊断'.repeat(3) }, ...form.survey.slice(1)],
      expertReview: { ...form.expertReview!, panel: [{ ...PANEL[0], title: '正高级工程师、注册会计师、律师' }, ...PANEL.slice(1)] },
    };
    const sheet = await readBack(await countyRecommendationFormXlsx(long));
    expect(sheet.getRow(5).height).toBeGreaterThan(36);
    expect(sheet.getRow(6).height).toBe(36);
    expect(sheet.getRow(14).height).toBeGreaterThan(26);
    expect(sheet.getRow(15).height).toBe(26);
    expect(sheet.getRow(21).height).toBeGreaterThan(24);
    expect(sheet.getRow(22).height).toBe(24);
  });

  it('writes dates as the notice does, without leading zeros', () => {
    expect(chineseDate('2023-03-05')).toBe('2023年3月5日');
    expect(chineseDate('2023-12-31')).toBe('2023年12月31日');
  });

  it('sizes a row to its wrapped text, from the minimum up to Excel’s 409 points', () => {
    expect(heightFor('短', 100, 90)).toBe(90);
    // 100 characters wide holds 49 Chinese characters a line: 49 fit one line, 50 need two
    expect(heightFor('字'.repeat(49), 100, 0)).toBe(heightFor('字', 100, 0));
    expect(heightFor('字'.repeat(50), 100, 0)).toBeGreaterThan(heightFor('字'.repeat(49), 100, 0));
    expect(heightFor('一行\n两行\n三行', 100, 0)).toBe(Math.ceil(3 * 11 * 1.4 + 8));
    expect(heightFor('字'.repeat(20_000), 100, 0)).toBe(409);
  });
});

describe('the 汇总表 (附件3)', () => {
  let table: SummaryTable;
  let sheet: Worksheet;
  const COLUMNS = 12;
  beforeAll(async () => {
    table = await summaryTable(fx.em(), CITY_REVIEWER, 2023);
    sheet = await readBack(await summaryTableXlsx(table));
  });

  it('offers its download path', () => {
    expect(table.downloadPath).toBe('/exports/taiyuan/summary-table.xlsx?year=2023');
  });

  it('has the title merged across the columns and the column headers', () => {
    expect(sheet.name).toBe('汇总表');
    expect(show(sheet, 1, COLUMNS)).toEqual(['2023年度示范平台基本情况汇总表', ...Array.from({ length: COLUMNS - 1 }, () => '=A1')]);
    expect(show(sheet, 2, COLUMNS)).toEqual([
      '序号', '申报类别', '示范平台承担单位', '统一社会信用代码', '推荐单位', '注册资本（万元）', '上年末总资产（万元）', '从业人数',
      '上年营业收入（万元）', '其中：服务收入（万元）', '上年服务中小企业户数', '状态',
    ]);
  });

  it('has one bordered row per entry, cell for cell as the table, figures as numbers from the 2022 accounts', () => {
    expect(table.rows.map((r) => [r.kind, r.institutionName, r.status])).toEqual([
      ['市级认定', NAMES.designated, 'DESIGNATED'], ['市级认定', NAMES.zone, 'COUNTY_RECOMMENDED'], ['省级推荐', NAMES.designated, 'RECOMMENDED_TO_PROVINCE'],
    ]);
    table.rows.forEach((row, i) => {
      expect(show(sheet, 3 + i, COLUMNS)).toEqual([
        row.serial, row.kind, row.institutionName, row.creditCode, row.recommendingUnit, row.registeredCapital, row.totalAssets, row.staff,
        row.revenue, row.serviceRevenue, row.smesServed, STATUS_LABELS[row.status],
      ]);
      for (let c = 1; c <= COLUMNS; c++) expect(sheet.getRow(3 + i).getCell(c).border).toMatchObject(boxed);
    });
    // sampleReport(2023, 0) and (2023, 1): capital, assets, staff; 2022 revenue, service revenue, SMEs served
    expect(show(sheet, 3, COLUMNS)).toEqual([1, '市级认定', NAMES.designated, table.rows[0].creditCode, '小店区', 500, 800, 20, 620, 380, 120, '已认定']);
    expect(show(sheet, 4, COLUMNS)).toEqual([2, '市级认定', NAMES.zone, table.rows[1].creditCode, '太原中北高新技术产业开发区', 600, 850, 23, 640, 380, 125, '县级已推荐']);
    expect(show(sheet, 5, COLUMNS)).toEqual([3, '省级推荐', NAMES.designated, table.rows[0].creditCode, '小店区', 500, 800, 20, 620, 380, 120, '已推荐省级']);
    expect(sheet.getCell('D3').numFmt).toBe('@');
    expect(sheet.getCell('F3').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('H3').numFmt).toBe('0');
    expect(sheet.rowCount).toBe(5);
  });

  it('is laid out to print: A4 landscape one page wide, headers frozen and repeated', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:2');
  });

  it('names the file after the table', () => {
    expect(summaryTableFileName(table)).toBe('2023年度示范平台基本情况汇总表.xlsx');
    expect(summaryTableAsciiFileName(table)).toBe('summary-table-2023.xlsx');
  });

  it('gives a campaign with no recommendation yet its title and headers only', async () => {
    await openCampaign(fx.em(), CITY_REVIEWER, { year: 2024, document: '2024 年度通知', opensOn: '2024-03-01', deadline: '2024-03-29' });
    const empty = await readBack(await summaryTableXlsx(await summaryTable(fx.em(), ADMIN, 2024)));
    expect(empty.getCell('A1').value).toBe('2024年度示范平台基本情况汇总表');
    expect(show(empty, 2, COLUMNS)[0]).toBe('序号');
    expect(empty.rowCount).toBe(2);
  });
});

describe('the download routes', () => {
  const routes = taiyuanExportRoutes();
  const form = () => routes['/exports/county-recommendation-form.xlsx'];
  const table = () => routes['/exports/summary-table.xlsx'];
  const ctx = (user: AuthUser | null) => {
    const em = fx.em();
    return { requestId: 'test', user, em, loaders: taiyuan.createLoaders(em), eventsCommitted: () => undefined } as Context;
  };
  const formOf = (applicationId: string, user: AuthUser | null) => form()(new URLSearchParams({ applicationId }), ctx(user));

  it('are the routes the subgraph serves', () => {
    expect(Object.keys(taiyuan.httpRoutes ?? {}).sort()).toEqual(['/exports/county-recommendation-form.xlsx', '/exports/summary-table.xlsx']);
  });

  it('give the 推荐表 to its county, the city, the province, analysts, admins and its applicant', async () => {
    const allowed = [countyReviewerOf(XIAODIAN), CITY_REVIEWER, userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), ANALYST, ADMIN, applicantOf(institutions.designated)];
    for (const user of allowed) {
      const file = await formOf(ids.designated, user);
      expect(file).toMatchObject({
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: `太原市中小企业公共服务示范平台推荐表（${NAMES.designated}）.xlsx`, asciiFileName: `county-recommendation-form-${ids.designated}.xlsx`,
      });
      expect((await readBack(file.body)).getCell('A21').value).toBe(SURVEY[0].enterprise);
    }
    // the zone's form goes to the zone's own reviewer
    await expect(formOf(ids.zone, countyReviewerOf(ZONE))).resolves.toMatchObject({ asciiFileName: `county-recommendation-form-${ids.zone}.xlsx` });
  });

  it('refuse the 推荐表 (it names the respondents) to anyone else: another county, city or province, another applicant, an expert of another year’s panel, no caller', async () => {
    const refusedUsers = [
      countyReviewerOf(YINGZE), countyReviewerOf(ZONE), userOf(Role.CITY_REVIEWER, { region: '140200' }), userOf(Role.PROVINCE_REVIEWER, { region: '130000' }),
      applicantOf(institutions.zone), expertOf(2022),
    ];
    for (const user of refusedUsers) expect(await refusal(formOf(ids.designated, user))).toMatchObject({ code: ErrorCode.FORBIDDEN });
    expect(await refusal(formOf(ids.designated, null))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('answer NOT_FOUND, saying why, for an application the county has not recommended (waiting, or declined) and for an unknown one', async () => {
    expect(await refusal(formOf(ids.submitted, ADMIN))).toMatchObject({ code: ErrorCode.NOT_FOUND, reason: 'NO_COUNTY_RECOMMENDATION', applicationStatus: 'SUBMITTED', messageZh: expect.stringContaining('尚无推荐表') });
    expect(await refusal(formOf(ids.rejected, applicantOf(institutions.rejected)))).toMatchObject({ code: ErrorCode.NOT_FOUND, reason: 'NO_COUNTY_RECOMMENDATION', applicationStatus: 'COUNTY_REJECTED' });
    expect(await refusal(formOf('00000000-0000-4000-8000-000000000000', ADMIN))).toMatchObject({ code: ErrorCode.NOT_FOUND });
    // who may not read the application learns nothing more of it
    expect(await refusal(formOf(ids.submitted, countyReviewerOf(XIAODIAN)))).toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  it('answer BAD_USER_INPUT for a missing or malformed applicationId', async () => {
    expect(await refusal(form()(new URLSearchParams(), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'applicationId', reason: 'INVALID_FORMAT' });
    expect(await refusal(formOf('not-an-id', ADMIN))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'applicationId' });
    expect(await refusal(formOf(`${ids.designated}x`, ADMIN))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'applicationId' });
  });

  it('give the 汇总表 as taiyuanSummaryTable does: the city, the province, analysts, admins', async () => {
    for (const user of [CITY_REVIEWER, userOf(Role.PROVINCE_REVIEWER, { region: '140000' }), ANALYST, ADMIN]) {
      const file = await table()(new URLSearchParams({ year: '2023' }), ctx(user));
      expect(file).toMatchObject({ fileName: '2023年度示范平台基本情况汇总表.xlsx', asciiFileName: 'summary-table-2023.xlsx' });
      expect((await readBack(file.body)).getCell('C3').value).toBe(NAMES.designated);
    }
    for (const user of [countyReviewerOf(XIAODIAN), userOf(Role.CITY_REVIEWER, { region: '140200' }), userOf(Role.PROVINCE_REVIEWER, { region: '130000' }), applicantOf(institutions.designated), expertOf(2023)]) {
      expect(await refusal(table()(new URLSearchParams({ year: '2023' }), ctx(user)))).toMatchObject({ code: ErrorCode.FORBIDDEN });
    }
    expect(await refusal(table()(new URLSearchParams({ year: '2023' }), ctx(null)))).toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('take a four-digit year of a campaign', async () => {
    for (const year of ['23', '2023.0', '２０２３', '', ' 2023']) {
      expect(await refusal(table()(new URLSearchParams({ year }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'year' });
    }
    expect(await refusal(table()(new URLSearchParams(), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'year' });
    expect(await refusal(table()(new URLSearchParams({ year: '2022' }), ctx(ADMIN)))).toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});

describe('the download paths in the schema', () => {
  it('are offered on the county recommendation and the summary table', async () => {
    const schema = await taiyuanSchema();
    const result = await execute(fx, schema, CITY_REVIEWER, `query($id: ID!) {
      taiyuanApplication(id: $id) { countyRecommendation { downloadPath } }
      taiyuanSummaryTable(year: 2023) { downloadPath }
    }`, { id: ids.designated });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      taiyuanApplication: { countyRecommendation: { downloadPath: `/exports/taiyuan/county-recommendation-form.xlsx?applicationId=${ids.designated}` } },
      taiyuanSummaryTable: { downloadPath: '/exports/taiyuan/summary-table.xlsx?year=2023' },
    });
  });
});

describe('over HTTP, as the subgraph serves them', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // the subgraph's own route table, with the context startSubgraph gives it: the bearer token, a fresh unit of work
    const context = async (req: http.IncomingMessage) => {
      const em = fx.em();
      return { requestId: 'http', user: await authenticate(req.headers.authorization), em, loaders: taiyuan.createLoaders(em), eventsCommitted: () => undefined };
    };
    const routes: Record<string, Route> = {};
    for (const [path, handler] of Object.entries(taiyuan.httpRoutes!)) routes[path] = downloadRoute(handler, context);
    server = createHttpServer(routes);
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = async (path: string, user: AuthUser | null) => fetch(`${base}${path}`, { headers: user ? { authorization: `Bearer ${await signToken(user)}` } : {} });
  const errorOf = async (response: Response) => ({ status: response.status, ...((await response.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0].extensions });

  it('sends the 推荐表 to the county with its names, and refuses others with their HTTP status', async () => {
    const response = await get(`/exports/county-recommendation-form.xlsx?applicationId=${ids.designated}`, countyReviewerOf(XIAODIAN));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toContain(`filename="county-recommendation-form-${ids.designated}.xlsx"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const sheet = await readBack(Buffer.from(await response.arrayBuffer()));
    expect(sheet.getCell('C5').value).toBe(NAMES.designated);

    expect(await errorOf(await get(`/exports/county-recommendation-form.xlsx?applicationId=${ids.designated}`, countyReviewerOf(YINGZE)))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await errorOf(await get(`/exports/county-recommendation-form.xlsx?applicationId=${ids.designated}`, null))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await errorOf(await get(`/exports/county-recommendation-form.xlsx?applicationId=${ids.submitted}`, ADMIN))).toMatchObject({ status: 404, code: 'NOT_FOUND', reason: 'NO_COUNTY_RECOMMENDATION' });
    expect(await errorOf(await get('/exports/county-recommendation-form.xlsx?applicationId=x', ADMIN))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('sends the 汇总表 to the city', async () => {
    const response = await get('/exports/summary-table.xlsx?year=2023', CITY_REVIEWER);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('filename="summary-table-2023.xlsx"');
    expect((await readBack(Buffer.from(await response.arrayBuffer()))).getCell('A1').value).toBe('2023年度示范平台基本情况汇总表');
    expect(await errorOf(await get('/exports/summary-table.xlsx?year=2023', countyReviewerOf(XIAODIAN)))).toMatchObject({ status: 403 });
  });
});
