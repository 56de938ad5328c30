import { signToken, type AuthUser } from '@sme/kernel';

/**
 * `npm run tokens`: a development token for each role (SPEC §2), signed with JWT_SECRET (or the dev secret),
 * to paste into the explorer's headers as `Authorization: Bearer …`.
 */
const USERS: (AuthUser & { label: string })[] = [
  { label: '管理员 / admin', id: 'dev-admin', name: '系统管理员', role: 'ADMIN', region: null, institutionId: null, panel: null },
  { label: '分析人员 / analyst', id: 'dev-analyst', name: '数据分析员', role: 'ANALYST', region: null, institutionId: null, panel: null },
  { label: '山西省级审核 / Shanxi province reviewer', id: 'dev-sx-province', name: '山西省工信厅', role: 'PROVINCE_REVIEWER', region: '140000', institutionId: null, panel: null },
  { label: '太原市级审核 / Taiyuan city reviewer', id: 'dev-ty-city', name: '太原市工信局', role: 'CITY_REVIEWER', region: '140100', institutionId: null, panel: null },
  { label: '小店区县级审核 / Xiaodian county reviewer', id: 'dev-xd-county', name: '小店区工信局', role: 'COUNTY_REVIEWER', region: '140105', institutionId: null, panel: null },
  { label: '河北省级审核 / Hebei province reviewer', id: 'dev-hb-province', name: '河北省工信厅', role: 'PROVINCE_REVIEWER', region: '130000', institutionId: null, panel: null },
  { label: '山东省级审核 / Shandong province reviewer', id: 'dev-sd-province', name: '山东省工信厅', role: 'PROVINCE_REVIEWER', region: '370000', institutionId: null, panel: null },
  { label: '宁夏区级审核 / Ningxia region reviewer', id: 'dev-nx-province', name: '宁夏工信厅', role: 'PROVINCE_REVIEWER', region: '640000', institutionId: null, panel: null },
  { label: '太原市 2026 年度评审专家 / Taiyuan 2026 panel expert', id: 'dev-expert', name: '评审专家', role: 'EXPERT', region: null, institutionId: null, panel: 'taiyuan-2026' },
  { label: '银川市级审核 / Yinchuan city reviewer', id: 'dev-yc-city', name: '银川市工信局', role: 'CITY_REVIEWER', region: '640100', institutionId: null, panel: null },
  { label: '宁夏 2026 年度示范平台评审专家 / Ningxia 2026 platform panel expert', id: 'dev-nx-expert', name: '示范平台评审专家', role: 'EXPERT', region: null, institutionId: null, panel: 'ningxia-2026' },
];

async function main() {
  const applicantFor = process.argv.find((a) => a.startsWith('--institution='))?.split('=')[1];
  const users = [...USERS];
  if (applicantFor) users.push({ label: '申报单位 / applicant', id: `dev-applicant-${applicantFor.slice(0, 8)}`, name: '申报联系人', role: 'APPLICANT', region: null, institutionId: applicantFor, panel: null });
  for (const user of users) {
    console.log(`# ${user.label} (${user.role}${user.region ? ` ${user.region}` : ''})`);
    console.log(`Bearer ${await signToken(user, '30d')}\n`);
  }
  if (!applicantFor) console.log('# An applicant acts for one institution: npm run tokens -- --institution=<institution id>');
}

void main();
