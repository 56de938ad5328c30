import { choiceCell, codeCell, dateCell, textCell, type ImportColumn } from '@sme/kernel';
import { LEGAL_FORM_LABELS } from '../institutions/legal-form';
import { regionCell } from './region-cell';

/**
 * The columns of an institutions spreadsheet, by the headers the forms use (太原 附件2 申请表: 单位性质, 法人代表,
 * 注册日期, 注册地址, 联系人, 联系电话; the 推荐汇总表: 机构名称, 统一社会信用代码), each mapped to its field of
 * `registerInstitution`.
 */
export const INSTITUTION_COLUMNS: readonly ImportColumn[] = [
  { field: 'creditCode', name: '统一社会信用代码', required: true, kind: codeCell, note: '18 位，含校验码（GB 32100-2015）；请保持本列为“文本”格式，否则 Excel 会改写全为数字的代码' },
  { field: 'name', name: '机构名称', aliases: ['单位名称', '申请单位名称', '机构全称'], required: true, kind: textCell, note: '机构全称，最多 200 字' },
  { field: 'legalForm', name: '法人类型', aliases: ['单位性质'], required: true, kind: choiceCell(LEGAL_FORM_LABELS), note: '企业法人、事业单位、民办非企业单位、社会团体法人或其他（从下拉列表选择）' },
  {
    field: 'regionCode', name: '所在地区', units: ['行政区划代码'], aliases: ['行政区划代码', '行政区划', '注册地行政区划代码', '所在地区代码'], required: true, kind: regionCell,
    note: '注册地所在市或县（区）的六位行政区划代码（GB/T 2260），如 140105；也可写唯一的地区名称，如 太原市小店区。不能只填省',
  },
  { field: 'establishedOn', name: '成立日期', aliases: ['注册日期'], required: true, kind: dateCell, note: '如 2018-04-01（也可写 2018/4/1、2018年4月1日），不晚于今天' },
  { field: 'address', name: '注册地址', required: false, kind: textCell, note: '最多 300 字' },
  { field: 'legalRepresentative', name: '法定代表人', aliases: ['法人代表'], required: false, kind: textCell, note: '最多 50 字' },
  { field: 'contactPerson', name: '联系人', required: false, kind: textCell, note: '最多 50 字（不公开）' },
  { field: 'contactPhone', name: '联系电话', required: false, kind: textCell, note: '最多 30 字（不公开）' },
];
