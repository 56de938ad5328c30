import { EXPORTS_PREFIX, XLSX_CONTENT_TYPE, badInput, type DownloadHandler } from '@sme/kernel';
import type { LibraryConfig } from '../library-config';
import type { LibraryContext } from '../context';
import { recommendationSummary } from '../applications/recommendation-summary';
import {
  RECOMMENDATION_SUMMARY_FILE, recommendationSummaryWorkbook, summaryAsciiFileName, summaryFileName,
} from './recommendation-summary.xlsx';

/** `year=2026`: four digits, nothing else (the summary itself bounds the range). */
function yearParam(query: URLSearchParams): number {
  const value = query.get('year') ?? '';
  if (!/^\d{4}$/.test(value)) throw badInput({ zh: `年度应为四位数字：${value}`, en: `year must be four digits: ${value}` }, { reason: 'INVALID_FORMAT', field: 'year' });
  return Number(value);
}

/**
 * The library's downloads. Each reads through the same function and permission checks as its GraphQL
 * field, so a file never shows more than the query would.
 */
export function libraryExportRoutes(config: LibraryConfig): Record<string, DownloadHandler<LibraryContext>> {
  return {
    // 第八条（二）推荐汇总表: GET /exports/recommendation-summary.xlsx?unitCode=140100&year=2026
    [`${EXPORTS_PREFIX}${RECOMMENDATION_SUMMARY_FILE}`]: async (query, ctx) => {
      const summary = await recommendationSummary(ctx.em, config, ctx.user, query.get('unitCode') ?? '', yearParam(query));
      return {
        body: await recommendationSummaryWorkbook(summary),
        contentType: XLSX_CONTENT_TYPE,
        fileName: summaryFileName(summary),
        asciiFileName: summaryAsciiFileName(summary),
      };
    },
  };
}
