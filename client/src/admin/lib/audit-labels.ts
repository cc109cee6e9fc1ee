/**
 * The office audit log names a request by its route template; the office reads it as a step.
 * Ordered: the first segment that names a step wins (`/admin/rounds/:id/publish` → 发布结果).
 * @example auditStep('POST', '/admin/rounds/:id/publish') // '发布结果'
 * @example auditStep('GET', '/admin/rounds/:id/targets/:targetId/original-comments') // '查看原始评价意见'
 */
const STEPS: Array<[RegExp, string]> = [
  [/original-comments$/, '原始评价意见'],
  [/\/publish$/, '发布结果'],
  [/\/recount$/, '复核重算'],
  [/\/close$/, '结束评议'],
  [/\/open$/, '开启评议'],
  [/\/cancel$/, '取消评议'],
  [/\/void$/, '作废评价票'],
  [/\/misconduct$/, '记录查实问题'],
  [/\/flags/, '刷票疑点处理'],
  [/target-inputs/, '录入数据'],
  [/\/accounts/, '工作账号'],
  [/\/nodes/, '单位、科室、窗口'],
  [/representatives/, '评议代表库'],
  [/\/reveal$/, '揭示抽取'],
  [/\/draws/, '公开抽取'],
  [/reminders$/, '提醒'],
  [/invitations/, '定向邀请'],
  [/hearings/, '听证评议'],
  [/phone-survey/, '电话测评导入'],
  [/\/tasks/, '整改任务'],
  [/\/qr$|code\.png$/, '窗口二维码'],
  [/sampling-link/, '抽样链接'],
  [/\/programmes/, '评议项目'],
  [/\/schemes/, '评议方案'],
  [/\/paper/, '纸质评议表'],
  [/outbox/, '消息记录'],
  [/audit/, '审计日志'],
  [/\/rounds/, '评议轮次'],
];
const VERBS: Record<string, string> = { GET: '查看', POST: '', PATCH: '修改', PUT: '上传', DELETE: '撤销' };

export function auditStep(method: string, route: string): string {
  const step = STEPS.find(([re]) => re.test(route))?.[1] ?? '其他操作';
  return `${VERBS[method.toUpperCase()] ?? ''}${step}`;
}
