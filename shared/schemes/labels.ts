import { CHANNEL_LABELS, ChannelKind } from '../model/channel';

/**
 * The Chinese name of a place in a scheme body, for the editor's messages and the version diff.
 * Paths are dotted; list entries with an `id` are named by it (components.survey.weight …),
 * other list entries by their index. Unknown tails fall back to the nearest known name.
 * @example schemePathLabel(scheme, 'components.total.parts.survey.weight') // '分项“评议总成绩”：“群众满意度测评分”的权重'
 */
export function schemePathLabel(scheme: SchemeLike | undefined, path: string): string {
  const parts = path.split('.').filter(Boolean);
  const [head, ...rest] = parts;
  if (!head) return '方案';
  switch (head) {
    case 'name':
      return '方案名称';
    case 'channels':
      return '评价方式';
    case 'total':
      return '总分分项';
    case 'lowSampleBelow':
      return '样本量偏小的界限';
    case 'groups':
      return rest[0] ? `组别“${groupLabel(scheme, rest[0])}”` : '组别';
    case 'forms': {
      if (!rest[0]) return '评议表';
      const form = `评议表“${scheme?.forms?.[rest[0]]?.title ?? rest[0]}”`;
      if (rest[1] !== 'items' || !rest[2]) return rest[1] ? `${form}：${FIELD_NAMES[rest[1]] ?? rest[1]}` : form;
      const item = scheme?.forms?.[rest[0]]?.items?.find((i) => i.id === rest[2]);
      const itemName = `${form}题目“${item?.label ?? rest[2]}”`;
      if (rest[3] !== 'options' || !rest[4]) return rest[3] ? `${itemName}：${FIELD_NAMES[rest[3]] ?? rest[3]}` : itemName;
      const option = item?.options?.find((o) => o.value === rest[4]);
      const optionName = `${itemName}选项“${option?.label ?? rest[4]}”`;
      return rest[5] ? `${optionName}：${FIELD_NAMES[rest[5]] ?? rest[5]}` : optionName;
    }
    case 'components': {
      if (!rest[0]) return '分项';
      const c = scheme?.components?.find((x) => x.id === rest[0]);
      const name = `分项“${c?.label ?? rest[0]}”`;
      if ((rest[1] === 'parts' || rest[1] === 'byGroup') && rest.length > 2) {
        const byGroup = rest[1] === 'byGroup';
        const partId = byGroup ? rest[3] : rest[2];
        const where = byGroup ? `（${groupLabel(scheme, rest[2]!)}）` : '';
        if (!partId) return `${name}${where}的组成`;
        const part = scheme?.components?.find((x) => x.id === partId);
        return `${name}${where}：“${part?.label ?? partId}”的权重`;
      }
      return rest[1] ? `${name}：${FIELD_NAMES[rest[1]] ?? rest[1]}` : name;
    }
    case 'grades': {
      if (rest[0] === 'bands' && rest[1]) {
        const band = scheme?.grades?.bands?.find((b) => b.id === rest[1]);
        return rest[2] ? `等次“${band?.label ?? rest[1]}”：${FIELD_NAMES[rest[2]] ?? rest[2]}` : `等次“${band?.label ?? rest[1]}”`;
      }
      if (rest[0] === 'overrides') return rest[1] ? `等次特别规定第${Number(rest[1]) + 1}条` : '等次特别规定';
      return rest[0] ? `等次：${FIELD_NAMES[rest[0]] ?? rest[0]}` : '等次';
    }
    case 'ranking':
      return rest.length ? `排名：${rest.map((r) => FIELD_NAMES[r] ?? r).join('·')}` : '排名';
    case 'rules': {
      if (!rest[0]) return '结果运用规则';
      const r = scheme?.rules?.find((x) => x.id === rest[0]);
      const name = `结果运用规则“${r?.label ?? rest[0]}”`;
      return rest[1] ? `${name}：${rest.slice(1).map((p) => FIELD_NAMES[p] ?? p).join('·')}` : name;
    }
    case 'evaluatorMix':
      return rest[0] ? `参评人员构成“${rest[0]}”` : '参评人员构成';
    case 'dedupe':
      return '重复评价规则';
    case 'channelForms':
      return rest[0] ? `${channelLabel(rest[0])}使用的评议表` : '各评价方式使用的评议表';
    default:
      return FIELD_NAMES[head] ?? head;
  }
}

/** What the label reads of a scheme (a full Scheme, or a body not yet valid). */
export interface SchemeLike {
  forms?: Record<string, { title?: string; items?: Array<{ id: string; label?: string; options?: Array<{ value: string; label?: string }> }> }>;
  components?: Array<{ id: string; label?: string }>;
  groups?: Array<{ id: string; label?: string }>;
  grades?: { bands?: Array<{ id: string; label?: string }> };
  rules?: Array<{ id: string; label?: string }>;
}

const groupLabel = (scheme: SchemeLike | undefined, id: string) => scheme?.groups?.find((g) => g.id === id)?.label ?? id;
const channelLabel = (id: string) => {
  const ch = ChannelKind.safeParse(id);
  return ch.success ? CHANNEL_LABELS[ch.data] : id;
};

/** Field names as the office reads them. */
const FIELD_NAMES: Record<string, string> = {
  id: '编号',
  label: '名称',
  title: '标题',
  intro: '说明',
  comment: '留言框',
  kind: '类型',
  required: '必填',
  blankAs: '空白按',
  options: '选项',
  points: '分值',
  value: '取值',
  channels: '评价方式',
  item: '题目',
  items: '题目',
  success: '计为满意的选项',
  denominator: '分母',
  scale: '换算倍数',
  per: '计分单位',
  divisor: '除数',
  normaliser: '满分基数',
  min: '下限',
  max: '上限',
  groups: '适用组别',
  base: '基础分',
  floor: '最低分',
  parts: '组成与权重',
  byGroup: '分组权重',
  missing: '缺项处理',
  weight: '权重',
  basis: '依据',
  bands: '等次',
  overrides: '特别规定',
  direction: '排名方向',
  higherIs: '分值高表示',
  minBallots: '最少评价份数',
  count: '份数',
  forceFirst: '首位规定',
  quota: '名额规则',
  rounding: '名额取整',
  ties: '并列规则',
  best: '表彰端',
  worst: '问责端',
  silent: '未收回测评表的处理',
  text: '公布文字',
  when: '条件',
  history: '连续轮次条件',
  deductionByRank: '按名次扣分',
  cases: '逐件整改',
  deadlineWorkingDays: '整改期限（工作日）',
  confidence: '统计确定性',
  actions: '处理方式',
  top: '前若干名',
  within: '末若干名',
  op: '比较',
  of: '分项',
  in: '等次',
  rounds: '连续轮数',
  atLeast: '至少',
  window: '统计范围',
  unit: '计数单位',
  mode: '方式',
  share: '比例',
  tolerance: '允许偏差',
  categories: '类别',
  source: '依据文件',
  description: '说明',
  lowSampleBelow: '样本量偏小的界限',
  recordLabels: '记录名称',
  total: '总分',
};
