import type { Prng } from './scale-prng';

/**
 * Words the synthetic names are made of: trade names (字号), lines of business, surnames and given names, roads.
 * Data, so that the names read like a provincial register without naming any real organisation.
 */
export const TRADE_NAMES = [
  '华信', '恒通', '晋阳', '鼎盛', '汇智', '启航', '博远', '众创', '长青', '金桥', '中和', '德润', '远景', '同创', '新元', '卓越',
  '宏达', '诚泰', '嘉禾', '瑞丰', '天衡', '明德', '正源', '聚英', '弘毅', '科达', '润泽', '安信', '广联', '智联', '合力', '信达',
  '青云', '北辰', '东方', '泰和', '丰源', '锦程', '融通', '创新', '兴业', '盛世', '海纳', '联创', '思源', '立本', '致远', '和信',
  '君诚', '佳睿', '云帆', '九州', '昌盛', '德信', '睿智', '亿联', '惠民', '赢创', '光华', '谷丰', '恒信', '优诺', '同舟', '正合',
] as const;

export const LINES_OF_BUSINESS = [
  '科技服务', '企业服务', '信息咨询', '人力资源服务', '知识产权代理', '检验检测', '融资服务', '管理咨询', '数字科技', '创业服务',
  '技术转移', '法律服务', '质量认证', '工业设计', '财税服务', '品牌策划', '供应链服务', '节能技术服务',
] as const;

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'] as const;
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '文博', '子涵', '雨欣', '浩然'] as const;
export const ROADS = ['建设路', '人民路', '解放路', '迎泽大街', '长治路', '学府街', '体育路', '和平路', '中山路', '胜利街', '新华路', '滨河路', '开发大道', '科技街', '创业路'] as const;

export const personName = (rng: Prng): string => `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}`;

/** An 11-digit mobile number (1[3-9]…), as the registry and the forms accept. */
export const mobilePhone = (rng: Prng): string => `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
