import { EXPORTS_PREFIX, XLSX_CONTENT_TYPE, badInput, type DownloadHandler } from '@sme/kernel';
import type { Context } from '../context';
import { summaryTable } from '../provincial-recommendations/summary-table';
import { countyRecommendationForm } from './county-recommendation-form';
import { countyRecommendationFormXlsx, formAsciiFileName, formFileName } from './county-recommendation-form.xlsx';
import { summaryTableAsciiFileName, summaryTableFileName, summaryTableXlsx } from './summary-table.xlsx';
import { COUNTY_RECOMMENDATION_FORM_FILE, SUMMARY_TABLE_FILE } from './download-paths';

/** `year=2023`: four digits, nothing else (a year without a campaign is NOT_FOUND, as in the GraphQL field). */
function yearParam(query: URLSearchParams): number {
  const value = query.get('year') ?? '';
  if (!/^\d{4}$/.test(value)) throw badInput({ zh: `年度应为四位数字：${value}`, en: `year must be four digits: ${value}` }, { reason: 'INVALID_FORMAT', field: 'year' });
  return Number(value);
}

/**
 * The taiyuan subgraph's downloads (SPEC §5: the county 推荐表 and the 汇总表 as .xlsx). Each reads through the
 * same permission checks as the GraphQL fields that show the same data, so a file never shows more than a query.
 */
export function taiyuanExportRoutes(): Record<string, DownloadHandler<Context>> {
  return {
    // 附件1 推荐表: GET /exports/county-recommendation-form.xlsx?applicationId=…
    [`${EXPORTS_PREFIX}${COUNTY_RECOMMENDATION_FORM_FILE}`]: async (query, ctx) => {
      const form = await countyRecommendationForm(ctx.em, ctx.user, query.get('applicationId') ?? '');
      return { body: await countyRecommendationFormXlsx(form), contentType: XLSX_CONTENT_TYPE, fileName: formFileName(form), asciiFileName: formAsciiFileName(form) };
    },
    // 附件3 汇总表: GET /exports/summary-table.xlsx?year=2023
    [`${EXPORTS_PREFIX}${SUMMARY_TABLE_FILE}`]: async (query, ctx) => {
      const table = await summaryTable(ctx.em, ctx.user, yearParam(query));
      return { body: await summaryTableXlsx(table), contentType: XLSX_CONTENT_TYPE, fileName: summaryTableFileName(table), asciiFileName: summaryTableAsciiFileName(table) };
    },
  };
}
