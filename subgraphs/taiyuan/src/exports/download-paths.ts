import { gatewayExportPath } from '@sme/kernel';

/**
 * The taiyuan subgraph's downloads by file name (under `/exports/`), and the gateway paths its GraphQL types
 * offer for them. The name is the subgraph's own (`SubgraphDefinition.name` in server.ts), which the gateway
 * puts in front of the file: `/exports/taiyuan/<file>`.
 */
const SUBGRAPH = 'taiyuan';

/** 附件1 太原市中小企业公共服务示范平台推荐表, one per application. */
export const COUNTY_RECOMMENDATION_FORM_FILE = 'county-recommendation-form.xlsx';

/** 附件3 年度示范平台基本情况汇总表, one per campaign year. */
export const SUMMARY_TABLE_FILE = 'summary-table.xlsx';

export const countyRecommendationFormPath = (applicationId: string): string => gatewayExportPath(SUBGRAPH, COUNTY_RECOMMENDATION_FORM_FILE, { applicationId });

export const summaryTablePath = (year: number): string => gatewayExportPath(SUBGRAPH, SUMMARY_TABLE_FILE, { year });

