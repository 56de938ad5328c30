import { Workbook, type Worksheet } from 'exceljs';
import { SurveyMethod, SurveyRating } from '../county-recommendations/survey';
import type { CountyRecommendationForm } from './county-recommendation-form';
import { A4, BOXED, chineseDate, heightFor, put, safeFileName } from '@sme/kernel';

/**
 * 并工信字〔2023〕26号 附件1《太原市中小企业公共服务示范平台推荐表》 of one application, filled from the record,
 * as the county prints, stamps and sends it with its recommendation (一.4、一.5): the cover; 专家组评审意见 with
 * the panel (its signatures left for the experts); 推荐单位组织测评情况 with the methods ticked and one row per
 * sampled enterprise; 对区域中小企业发展的影响和作用; the county's 推荐意见 with room for its seal. Three printed
 * pages on A4 portrait (the survey runs onto more when it is long).
 */

export const FORM_TITLE = '太原市中小企业公共服务示范平台';
export const FORM_SUBTITLE = '推荐表';

/** The form's columns: the survey table's eight (widths in Excel character units); the other sections span them. */
export const FORM_COLUMNS: readonly { header: string; width: number }[] = [
  { header: '抽样企业名称', width: 28 },
  { header: '被访人员姓名', width: 11 },
  { header: '职务', width: 11 },
  { header: '联系电话', width: 15 },
  { header: '接受服务内容', width: 26 },
  { header: '很满意', width: 8 },
  { header: '基本满意', width: 8 },
  { header: '不满意', width: 8 },
];
const LAST = FORM_COLUMNS.length;
const widthOf = (from: number, to: number) => FORM_COLUMNS.slice(from - 1, to).reduce((sum, c) => sum + c.width, 0);

/** 附件1 测评方法, in the form's order. */
export const METHOD_LABELS: readonly [SurveyMethod, string][] = [
  [SurveyMethod.VISIT, '上门拜访'],
  [SurveyMethod.PHONE, '电话询问'],
  [SurveyMethod.ONLINE, '网络互动'],
  [SurveyMethod.WRITTEN, '书面征求'],
  [SurveyMethod.OTHER, '其他'],
];

/** The column of each rating (很满意 / 基本满意 / 不满意). */
const RATING_COLUMN: Record<SurveyRating, number> = { [SurveyRating.VERY_SATISFIED]: 6, [SurveyRating.SATISFIED]: 7, [SurveyRating.DISSATISFIED]: 8 };

export const TICK = '✓';
export const CHECKED = '☑';
export const UNCHECKED = '☐';

/** Rows the panel table has for signing when no panel has reviewed yet (the city's experts fill them in by hand). */
export const BLANK_PANEL_ROWS = 5;

/** 测评方法 as the form shows it: every method with its box, ticked where the county used it. */
export const methodsLine = (methods: readonly SurveyMethod[]): string =>
  METHOD_LABELS.map(([method, label]) => `${methods.includes(method) ? CHECKED : UNCHECKED}${label}`).join('　　');

/** The survey's totals row: the sample and its satisfaction rate (很满意 and 基本满意 of all sampled). */
export const satisfactionLine = (form: CountyRecommendationForm): string =>
  `合计：测评企业 ${form.satisfaction.sampled} 家，满意率 ${form.satisfaction.satisfactionRate}%`;

const BLANK_DATE = '年　　月　　日';
const bold = { bold: true };
const centred = { horizontal: 'center' as const };
const left = { horizontal: 'left' as const };
const right = { horizontal: 'right' as const };
const topLeft = { horizontal: 'left' as const, vertical: 'top' as const };
const THIN = { style: 'thin' as const };

/** The cover: title, the three lines the county fills in, and the issuing bureau. */
function cover(sheet: Worksheet, form: CountyRecommendationForm): number {
  sheet.getRow(1).height = 40;
  put(sheet, [2, 1, 2, LAST], FORM_TITLE, { font: { size: 22, bold: true }, alignment: centred });
  sheet.getRow(2).height = 40;
  put(sheet, [3, 1, 3, LAST], FORM_SUBTITLE, { font: { size: 26, bold: true }, alignment: centred });
  sheet.getRow(3).height = 50;
  sheet.getRow(4).height = 100;
  const lines: [string, string][] = [
    ['示范平台承担单位名称：', form.institutionName],
    ['推荐单位：', form.recommendingUnit],
    ['填报日期：', chineseDate(form.recommendedOn)],
  ];
  lines.forEach(([label, value], i) => {
    const r = 5 + i;
    put(sheet, [r, 1, r, 2], label, { font: { size: 14 }, alignment: right });
    // the value sits on the line the printed form leaves for it
    put(sheet, [r, 3, r, 7], value, { font: { size: 14 }, alignment: centred, border: { bottom: THIN } });
    sheet.getRow(r).height = heightFor(value, widthOf(3, 7), 36, 14);
  });
  sheet.getRow(8).height = 160;
  put(sheet, [9, 1, 9, LAST], '太原市工业和信息化局制', { font: { size: 16 }, alignment: centred });
  sheet.getRow(9).height = 30;
  sheet.getRow(9).addPageBreak();
  return 9;
}

/** 专家组评审意见: the panel's opinion and date, then its members with a blank 签字 column. */
function expertReview(sheet: Worksheet, form: CountyRecommendationForm, after: number): number {
  let r = after + 1;
  put(sheet, [r, 1, r, LAST], '专家组评审意见', { font: { size: 14, bold: true }, alignment: centred, border: BOXED });
  sheet.getRow(r).height = 30;
  r++;
  const review = form.expertReview;
  put(sheet, [r, 1, r, LAST], review?.opinion ?? null, { alignment: topLeft, border: { left: THIN, right: THIN } });
  sheet.getRow(r).height = heightFor(review?.opinion ?? '', widthOf(1, LAST), 240);
  r++;
  put(sheet, [r, 1, r, LAST], review ? `评审日期：${chineseDate(review.reviewedOn)}` : BLANK_DATE, { alignment: right, border: { left: THIN, right: THIN, bottom: THIN } });
  sheet.getRow(r).height = 24;
  r++;
  const panelRow = (values: [string | null, string | null, string | null, string | null], style: { font?: { bold: boolean } }) => {
    put(sheet, [r, 1, r, 1], values[0], { ...style, alignment: centred, border: BOXED });
    put(sheet, [r, 2, r, 3], values[1], { ...style, alignment: centred, border: BOXED });
    put(sheet, [r, 4, r, 5], values[2], { ...style, alignment: centred, border: BOXED });
    put(sheet, [r, 6, r, 8], values[3], { ...style, alignment: centred, border: BOXED });
    sheet.getRow(r).height = Math.max(heightFor(values[0] ?? '', widthOf(1, 1), 26), heightFor(values[1] ?? '', widthOf(2, 3), 26), heightFor(values[2] ?? '', widthOf(4, 5), 26));
    r++;
  };
  panelRow(['专家姓名', '职务/职称', '工作单位', '签字'], { font: bold });
  if (review) for (const expert of review.panel) panelRow([expert.name, expert.title, expert.organisation, null], {});
  else for (let i = 0; i < BLANK_PANEL_ROWS; i++) panelRow([null, null, null, null], {});
  sheet.getRow(r - 1).addPageBreak();
  return r - 1;
}

/** 推荐单位组织测评情况（随机抽取，不少于10家）: methods, the two header rows, one row per enterprise, the totals. */
function survey(sheet: Worksheet, form: CountyRecommendationForm, after: number): number {
  let r = after + 1;
  put(sheet, [r, 1, r, LAST], '推荐单位组织测评情况（随机抽取，不少于10家）', { font: { size: 12, bold: true }, alignment: centred, border: BOXED });
  sheet.getRow(r).height = 30;
  r++;
  put(sheet, [r, 1, r, 1], '测评方法', { font: bold, alignment: centred, border: BOXED });
  put(sheet, [r, 2, r, LAST], methodsLine(form.methods), { alignment: left, border: BOXED });
  sheet.getRow(r).height = 28;
  r++;
  for (let c = 1; c <= 5; c++) put(sheet, [r, c, r + 1, c], FORM_COLUMNS[c - 1].header, { font: bold, alignment: centred, border: BOXED });
  put(sheet, [r, 6, r, 8], '对所受服务的总体评价', { font: bold, alignment: centred, border: BOXED });
  for (let c = 6; c <= 8; c++) put(sheet, [r + 1, c, r + 1, c], FORM_COLUMNS[c - 1].header, { font: bold, alignment: centred, border: BOXED });
  sheet.getRow(r).height = 22;
  sheet.getRow(r + 1).height = 22;
  r += 2;
  for (const entry of form.survey) {
    const values: (string | null)[] = [entry.enterprise, entry.interviewee, entry.title, entry.phone, entry.serviceReceived, null, null, null];
    values[RATING_COLUMN[entry.rating] - 1] = TICK;
    values.forEach((value, i) => {
      const c = i + 1;
      // names and services wrap on the left; people, phones and ticks read best centred; a phone stays text
      put(sheet, [r, c, r, c], value, { alignment: c === 1 || c === 5 ? left : centred, border: BOXED, ...(c === 4 ? { numFmt: '@' } : {}) });
    });
    // the tallest wrapped cell sets the row's height
    sheet.getRow(r).height = Math.max(...values.map((value, i) => heightFor(value ?? '', FORM_COLUMNS[i].width, 24)));
    r++;
  }
  put(sheet, [r, 1, r, 5], satisfactionLine(form), { font: bold, alignment: left, border: BOXED });
  put(sheet, [r, 6, r, 6], form.satisfaction.verySatisfied, { font: bold, alignment: centred, border: BOXED });
  put(sheet, [r, 7, r, 7], form.satisfaction.satisfied, { font: bold, alignment: centred, border: BOXED });
  put(sheet, [r, 8, r, 8], form.satisfaction.dissatisfied, { font: bold, alignment: centred, border: BOXED });
  sheet.getRow(r).height = 24;
  return r;
}

/** 对区域中小企业发展的影响和作用, then the county's 推荐意见 with （盖章） and its date. */
function impactAndOpinion(sheet: Worksheet, form: CountyRecommendationForm, after: number): number {
  let r = after + 1;
  put(sheet, [r, 1, r, 1], '对区域中小企业发展的影响和作用', { font: bold, alignment: centred, border: BOXED });
  put(sheet, [r, 2, r, LAST], form.impactStatement, { alignment: topLeft, border: BOXED });
  sheet.getRow(r).height = heightFor(form.impactStatement, widthOf(2, LAST), 120);
  r++;
  put(sheet, [r, 1, r, LAST], '县（市、区）、开发区中小企业主管部门推荐意见：', { font: bold, alignment: left, border: { top: THIN, left: THIN, right: THIN } });
  sheet.getRow(r).height = 26;
  r++;
  put(sheet, [r, 1, r, LAST], form.opinion, { alignment: topLeft, border: { left: THIN, right: THIN } });
  sheet.getRow(r).height = heightFor(form.opinion, widthOf(1, LAST), 90);
  r++;
  put(sheet, [r, 1, r, LAST], '（盖章）', { alignment: right, border: { left: THIN, right: THIN } });
  sheet.getRow(r).height = 40;
  r++;
  put(sheet, [r, 1, r, LAST], chineseDate(form.recommendedOn), { alignment: right, border: { left: THIN, right: THIN, bottom: THIN } });
  sheet.getRow(r).height = 30;
  return r;
}

/** The form's sheet in a new workbook (before it is written: page breaks, for one, are only kept on the way out). */
export function countyRecommendationFormBook(form: CountyRecommendationForm): Workbook {
  const workbook = new Workbook();
  workbook.creator = form.recommendingUnit;
  workbook.title = `${FORM_TITLE}${FORM_SUBTITLE}（${form.institutionName}）`;
  const sheet = workbook.addWorksheet('推荐表', {
    pageSetup: {
      paperSize: A4,
      orientation: 'portrait',
      // one page wide; the page breaks keep the cover and the panel's page on their own
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = FORM_COLUMNS.map((c) => ({ width: c.width }));
  impactAndOpinion(sheet, form, survey(sheet, form, expertReview(sheet, form, cover(sheet, form))));
  return workbook;
}

/** The filled form as an .xlsx file. */
export async function countyRecommendationFormXlsx(form: CountyRecommendationForm): Promise<Buffer> {
  return Buffer.from(await countyRecommendationFormBook(form).xlsx.writeBuffer());
}

/** Named as the notice names the form, with the institution it is for. */
export const formFileName = (form: CountyRecommendationForm) => safeFileName(`${FORM_TITLE}${FORM_SUBTITLE}（${form.institutionName}）.xlsx`);

/** For clients that cannot read a UTF-8 file name. */
export const formAsciiFileName = (form: CountyRecommendationForm) => `county-recommendation-form-${form.applicationId}.xlsx`;
