import { registerEnumType } from 'type-graphql';

/** Legal forms the rules distinguish (e.g. Shandong 第十四条 relaxes figures for 事业单位, 民办非企, 社团法人). */
export enum LegalForm {
  ENTERPRISE = 'ENTERPRISE',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  PRIVATE_NON_ENTERPRISE = 'PRIVATE_NON_ENTERPRISE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  OTHER = 'OTHER',
}

registerEnumType(LegalForm, {
  name: 'LegalForm',
  description: '法人类型 / Legal form',
  valuesConfig: {
    ENTERPRISE: { description: '企业法人 / Enterprise' },
    PUBLIC_INSTITUTION: { description: '事业单位 / Public institution' },
    PRIVATE_NON_ENTERPRISE: { description: '民办非企业单位 / Private non-enterprise unit' },
    SOCIAL_ORGANIZATION: { description: '社会团体法人 / Social organisation' },
    OTHER: { description: '其他 / Other' },
  },
});

/**
 * The names spreadsheets write for each legal form (the forms' 单位性质 / 法人类型): the first is the one the
 * import template offers; the others, and the API's own names, are read as well.
 */
export const LEGAL_FORM_LABELS: ReadonlyMap<LegalForm, readonly string[]> = new Map([
  [LegalForm.ENTERPRISE, ['企业法人', '企业', 'ENTERPRISE']],
  [LegalForm.PUBLIC_INSTITUTION, ['事业单位', '事业单位法人', 'PUBLIC_INSTITUTION']],
  [LegalForm.PRIVATE_NON_ENTERPRISE, ['民办非企业单位', '民办非企', '民办非企业', 'PRIVATE_NON_ENTERPRISE']],
  [LegalForm.SOCIAL_ORGANIZATION, ['社会团体法人', '社会团体', '社团法人', 'SOCIAL_ORGANIZATION']],
  [LegalForm.OTHER, ['其他', 'OTHER']],
]);
