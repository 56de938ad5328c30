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
