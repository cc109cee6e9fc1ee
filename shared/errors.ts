import { z } from 'zod';

/**
 * Every error the API returns, with its HTTP status and messages. Codes are stable: clients
 * and tests match on them; messages are for people (Chinese first, English for operators).
 * docs/errors.md is generated from this table.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容格式不正确', en: 'The request does not match the schema' },
  MALFORMED_JSON: { status: 400, zh: '提交的内容不是有效的 JSON', en: 'The body is not valid JSON' },
  MALFORMED_PATH: { status: 400, zh: '请求地址格式不正确', en: 'The request path is not valid percent-encoded UTF-8' },
  BODY_ENCODING_INVALID: { status: 400, zh: '提交的内容无法按声明的压缩格式解压', en: 'The body does not decode with its Content-Encoding (gzip, br, deflate)' },
  CSV_INVALID: { status: 400, zh: '导入文件有错误，未导入任何数据', en: 'The CSV has errors; nothing was imported' },
  WORKBOOK_INVALID: { status: 422, zh: '导入的 Excel 有错误，未导入任何数据', en: 'The inputs workbook has errors (details.problems: sheet, row, column, Chinese message); nothing was imported' },
  ROUND_AMBIGUOUS: { status: 400, zh: '该窗口同时参加多个评议，请选择评议轮次', en: 'Several open rounds cover this window; name the round' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'The session has expired' },
  FORBIDDEN: { status: 403, zh: '没有权限进行此操作', en: 'Your role may not do this' },
  TOKEN_INVALID: { status: 403, zh: '二维码或链接无效', en: 'The token is forged or malformed' },
  TOKEN_REVOKED: { status: 403, zh: '二维码或链接已停用', en: 'The token was revoked' },
  NOT_AN_INVITATION: { status: 422, zh: '只有评议邀请链接可以订阅评议提醒', en: 'Only an invitation token can subscribe to panel messages' },
  OWN_UNIT_BALLOT: { status: 403, zh: '不能评价本人所在或所监督的单位', en: 'An office session may not rate its own unit (staff) or any unit it supervises (supervisor, admin)' },
  TOKEN_WRONG_ROUND: { status: 403, zh: '该链接不属于本次评议', en: 'The token belongs to another round' },
  BIND_CODE_INVALID: { status: 403, zh: '绑定码无效、已使用或已过期，请向管理员重新申请', en: 'The binding code is unknown, used or expired' },
  NOT_BOUND: { status: 403, zh: '该微信尚未绑定工作人员账号，请先用绑定码绑定', en: 'This WeChat identity is not bound to an office account' },
  WECHAT_LOGIN_FAILED: { status: 403, zh: '微信登录失败，请重试', en: 'WeChat code2Session rejected the code' },
  WECHAT_NOT_CONFIGURED: { status: 503, zh: '微信登录暂未开通，请联系管理员', en: 'This server has no WeChat credentials and dev login is off: every login is refused' },
  NOT_FOUND: { status: 404, zh: '没有找到该内容', en: 'Not found' },
  ROUND_NOT_FOUND: { status: 404, zh: '没有找到该评议轮次', en: 'Unknown round' },
  TARGET_NOT_FOUND: { status: 404, zh: '没有找到被评议的单位', en: 'Unknown target' },
  INVITATION_NOT_FOUND: { status: 404, zh: '没有找到该邀请', en: 'Unknown invitation' },
  DRAW_NOT_FOUND: { status: 404, zh: '没有找到该抽选记录', en: 'Unknown draw' },
  HEARING_NOT_FOUND: { status: 404, zh: '没有找到该听证评议', en: 'Unknown hearing' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方式', en: 'Method not allowed' },
  DUPLICATE_BALLOT: { status: 409, zh: '您已经评价过了，感谢参与', en: 'This evaluator already rated this target in this period' },
  IDEMPOTENCY_CONFLICT: { status: 409, zh: '该评价编号已用于另一份评价', en: 'This clientBallotId was used for a different ballot' },
  INVITATION_USED: { status: 409, zh: '该邀请已经使用过', en: 'The invitation was already used for this target' },
  ROUND_NOT_OPEN: { status: 409, zh: '本次评议尚未开始', en: 'The round is not open yet' },
  ROUND_CLOSED: { status: 409, zh: '本次评议已经结束', en: 'The round is closed' },
  ROUND_CANCELLED: { status: 409, zh: '本次评议已取消', en: 'The round was cancelled; it takes no ballots and never counts' },
  PROGRAMME_NOT_FOUND: { status: 404, zh: '没有找到该评议项目', en: 'Unknown programme' },
  PROGRAMME_SCHEME_MISMATCH: { status: 422, zh: '评议轮次的评议方案必须与所属评议项目一致', en: "The round's scheme is not its programme's" },
  PROGRAMME_TARGETS_MISMATCH: { status: 422, zh: '评议轮次的评议对象不在所属评议项目范围内', en: "The round's targets are not within its programme's target set" },
  SCHEME_VERSION_CHANGED: { status: 409, zh: '评议方案已修改，与评议项目锁定的版本不一致', en: "The scheme preset changed since the programme pinned its version (digest differs)" },
  TARGET_LINK_INVALID: { status: 422, zh: '评议对象的更名、合并或拆分关联不正确', en: 'The target identity link does not fit its kind (see details.problem)' },
  ROUND_PERIOD_OVERLAP: { status: 409, zh: '该评议项目在这一评议期已有一轮评议（已取消的除外），同一评议期只能评议一轮；若那一轮已作废，请先取消它', en: 'Another round of the programme covers an overlapping period of the same kind (details.roundIds); cancel it first if it was abandoned' },
  ROUND_STATE_CONFLICT: { status: 409, zh: '评议轮次当前状态不允许此操作', en: 'Illegal round state transition' },
  ALREADY_EXISTS: { status: 409, zh: '编号已存在', en: 'An item with this id already exists' },
  DRAW_STATE_CONFLICT: { status: 409, zh: '抽选当前状态不允许此操作', en: 'The draw is not in a state that allows this (already drawn, not drawn yet, or already invited)' },
  TARGET_IN_OTHER_HEARING: { status: 409, zh: '该单位已安排在本轮另一场听证评议中', en: 'A target is already in another hearing of this round' },
  INVITATION_EXPIRED: { status: 410, zh: '邀请已过期', en: 'The invitation has expired' },
  BODY_TOO_LARGE: { status: 413, zh: '提交的内容过长', en: 'The body exceeds the size limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported Content-Type' },
  TARGET_NOT_IN_ROUND: { status: 422, zh: '该单位不在本次评议范围内', en: 'The target is not part of the round' },
  INPUT_FIELD_UNKNOWN: { status: 422, zh: '本轮评议方案没有这项录入数据', en: 'The round scheme has no such input field (see details.problems)' },
  INPUT_NOT_APPLICABLE: { status: 422, zh: '这项录入数据不适用于该单位所在组别', en: 'The input does not apply to the target group (see details.problems)' },
  INPUT_OUT_OF_RANGE: { status: 422, zh: '录入的数值超出允许范围', en: 'The input value is out of range (see details.problems)' },
  SERVED_BELOW_RETURNED: { status: 422, zh: '服务人次少于已回收的评价表份数', en: 'Served is below the ballots already returned' },
  IMPORTED_TALLY_CLASH: { status: 409, zh: '该评价方式已有评价表入账，不能再导入计数', en: 'Ballots are stored on this channel; an imported tally would double count' },
  INPUT_CONFLICT: { status: 409, zh: '该数据已被他人修改，请刷新后再改', en: 'The field changed since it was read (expected value does not match)' },
  INPUTS_LOCKED: { status: 409, zh: '本轮结果已发布，修改录入数据须作为更正并说明理由', en: 'The round is published: an input change needs a correction reason' },
  INPUTS_INCOMPLETE: { status: 409, zh: '还有单位的数据待录入或待更正，不能发布', en: 'Inputs are pending for some targets (see details.targets); publication refused' },
  CHANNEL_NOT_ALLOWED: { status: 422, zh: '本次评议不接受这种评价方式', en: 'The round does not accept this channel' },
  ANSWERS_INVALID: { status: 422, zh: '评价选项与评议表不一致', en: 'Answers do not match the round scheme form' },
  PARENT_INVALID: { status: 422, zh: '上级单位不存在或层级不对', en: 'The parent is missing or of the wrong kind' },
  SCORING_INPUT_INVALID: { status: 422, zh: '评分所需数据不完整或不一致', en: 'The round facts do not fit the scheme (see details.problems)' },
  HISTORY_INCOMPLETE: { status: 422, zh: '往期评议结果缺少规则所需的数据（评议期、名次、参加排名的单位数等），未作推定，请核对 details.issues 所列的轮次、单位和字段', en: 'A history entry lacks a field a rule reads (see details.issues: round, target, field)' },
  HISTORY_INCONSISTENT: { status: 422, zh: '往期评议结果前后矛盾或评议期不符合规则的计数单位，请核对 details.issues 所列的轮次、单位和字段', en: 'A history entry contradicts itself or its period does not fit the rule unit (see details.issues)' },
  SCHEME_UNKNOWN: { status: 422, zh: '评议方案不存在', en: 'Unknown scheme' },
  SCHEME_NOT_FOUND: { status: 404, zh: '没有找到该评议方案或该版本', en: 'Unknown scheme, or no such version of it' },
  SCHEME_INVALID: { status: 422, zh: '评议方案有误，未保存，请按提示逐项修改', en: 'The scheme body is invalid (details.problems)' },
  SCHEME_READ_ONLY: { status: 409, zh: '预置方案不能修改，请先复制为本县方案再编辑', en: 'Presets are read-only; clone one' },
  SCHEME_VERSION_STALE: { status: 409, zh: '该方案已有更新的版本，请刷新后在最新版本上修改', en: 'basedOnVersion is not the latest; nothing saved' },
  BALLOT_NOT_FOUND: { status: 404, zh: '没有找到该评价', en: 'Unknown ballot in this round' },
  BALLOT_ALREADY_VOIDED: { status: 409, zh: '该评价已被作废', en: 'The ballot was already voided' },
  FLAG_NOT_FOUND: { status: 404, zh: '没有找到该疑似刷票标记', en: 'Unknown flag in this round (flags are recomputed from the ballots)' },
  STUFFING_UNDECIDED: { status: 409, zh: '有疑似刷票标记可能改变排名或问责结果，请先作出处理决定再发布', en: 'An undecided stuffing flag could change a named position (rank, grade or consequence); decide it before publishing' },
  FLAG_ALREADY_DECIDED: { status: 409, zh: '该疑似刷票标记已有处理决定', en: 'The flag already has a different decision' },
  PUBLICATION_NOT_FOUND: { status: 404, zh: '该评议结果尚未公布', en: 'The round has no published version (or not this one)' },
  PUBLICATION_CONFLICT: { status: 409, zh: '结果正在由他人发布，请刷新后重试', en: 'Another publication of this round won the race; re-read and retry' },
  RECEIPT_NOT_PUBLISHED: { status: 404, zh: '已公布的结果中没有这份回执对应的评价', en: 'No leaf of this published version has this digest' },
  BALLOT_DIGEST_MISMATCH: { status: 409, zh: '有评价记录与受理时的摘要不一致，已停止发布，请核查', en: 'A stored ballot no longer matches the digest it was accepted with, or (a correction) the ballots differ from the previous version\'s; nothing was published (see details)' },
  REVIEW_CLOSED_ROUND_ONLY: { status: 409, zh: '只能在评议结束后审核、作废或更正', en: 'Review actions need a closed or published round' },
  TASK_NOT_FOUND: { status: 404, zh: '没有找到该整改任务', en: 'Unknown rectification task' },
  TASK_STATE_CONFLICT: { status: 409, zh: '整改任务当前状态不允许此操作', en: 'Illegal rectification task transition' },
  AUDIT_ENTRY_EXISTS: { status: 409, zh: '审计记录已存在，不能覆盖', en: 'An audit entry with this key exists; audit entries are never overwritten' },
  TASK_OUT_OF_SCOPE: { status: 403, zh: '只能查看和办理本单位的整改任务', en: 'Staff may only act on their own unit\'s tasks' },
  EVIDENCE_REQUIRED: { status: 422, zh: '提交整改结果前请先上传整改材料', en: 'Submitting a task needs at least one evidence file' },
  EVIDENCE_NOT_UPLOADED: { status: 422, zh: '整改材料尚未上传成功，请重新上传', en: 'The evidence file is not in storage (upload it first)' },
  EVIDENCE_TOO_LARGE: { status: 413, zh: '整改材料文件过大', en: 'The evidence file exceeds the size limit' },
  UPLOAD_LINK_INVALID: { status: 403, zh: '上传链接无效或已过期', en: 'The upload link is forged or expired' },
  UPLOAD_LINK_USED: { status: 409, zh: '该上传链接已使用过，请重新选择文件上传', en: 'The upload link was already used; a stored evidence file is never replaced (request a new link)' },
  STRATUM_TOO_SMALL: { status: 422, zh: '某一类别的候选代表人数不足，无法按比例抽取', en: 'A stratum has fewer eligible members than its quota (see details.strata)' },
  REVEAL_MISMATCH: { status: 422, zh: '公开的随机数与事先公布的承诺值不一致', en: 'A revealed value does not match its commitment, or a party is missing' },
  SHEET_KIND_NOT_ALLOWED: { status: 403, zh: '您的账号不能填报这种测评表', en: 'This account role may not file this kind of sheet' },
  RATE_LIMITED: { status: 429, zh: '操作太频繁，请稍后再试', en: 'Too many requests' },
  INTERNAL: { status: 500, zh: '系统繁忙，请稍后再试', en: 'Internal error' },
  STORE_UNAVAILABLE: { status: 503, zh: '系统繁忙，请稍后重试，您的评价不会重复计入', en: 'The store did not answer; retrying is safe' },
  PAPER_SERIAL_INVALID: { status: 400, zh: '编号无效，请核对测评表上的编号（可能输错或漏输了一位）', en: 'Not a serial: wrong length or check symbol (a mistyped or swapped symbol)' },
  PAPER_SERIAL_UNKNOWN: { status: 404, zh: '没有找到该编号的测评表，请核对是否为本轮印发的表', en: 'No form was issued with this serial (in this round)' },
  PAPER_SERIAL_USED: { status: 409, zh: '该编号的测评表已经计入，每份表只计一次', en: 'This serial was already counted (on paper or online): each form counts once' },
  PAPER_ALREADY_KEYED: { status: 409, zh: '您已录入过这份表，第二遍须由另一名录入员背对背录入', en: 'You keyed this form already: the second keying must be another clerk' },
  PAPER_KEYED_TWICE: { status: 409, zh: '这份表已经录入两遍，等待核对或裁定', en: 'This form was keyed twice already; it waits for its decision' },
  PAPER_POSTMARK_REQUIRED: { status: 409, zh: '评议已结束，须录入评议期内的邮戳日期才能计入', en: 'The round is closed: a form counts only with a postmark date inside the round period' },
  PAPER_DATE_OUTSIDE_ROUND: { status: 422, zh: '日期不在本轮评议期内，或晚于今天', en: 'The postmark or sheet date is outside the round period or in the future' },
  PAPER_NOT_MISMATCHED: { status: 409, zh: '这份表没有待裁定的分歧', en: 'This form has no mismatch to resolve' },
  PAPER_RESOLVER_KEYED: { status: 403, zh: '裁定人不能是录入过这份表的录入员', en: 'A clerk who keyed the form may not resolve its mismatch' },
  PAPER_KIND_NOT_ALLOWED: { status: 422, zh: '本轮评议不接受这类纸质表或评价方式', en: 'The round does not take this kind of paper or its channel' },
  PAPER_NO_FORMS: { status: 404, zh: '所选对象尚未印发测评表', en: 'No forms were issued for the selection' },
  PAPER_NO_LETTERS: { status: 409, zh: '没有需要打印邀请函的代表（均已绑定微信或已开始评价）；如需全部打印，请选择“全部代表”', en: 'No invited member needs a paper letter (all reachable on WeChat or already answering); ask for all to print every letter' },
  PDF_FONT_MISSING: { status: 503, zh: '打印用中文字体未安装，暂时无法生成 PDF，请联系管理员', en: 'No CJK font for PDF rendering (set PDF_FONT_PATH or ship the font asset; docs/deploy.md)' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/**
 * The one error body shape: `{ error: { code, message, details } }`; message is Chinese. One
 * OpenAPI component, referenced by every error response (inlined, its code list repeated ~600
 * times and weighed on the staff bundle, which embeds the document).
 */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      messageEn: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * A domain failure with a stable code; HTTP maps it to status + body.
 * @example throw new AppError('DUPLICATE_BALLOT', { receiptId })
 */
export class AppError extends Error {
  readonly status: number;
  /** `messageZh`: a sentence naming the field, in place of the code's general one (SCHEME_INVALID). */
  constructor(readonly code: ErrorCode, readonly details?: unknown, readonly messageZh?: string) {
    super(ERROR_CATALOGUE[code].en);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }
  toBody(): ErrorBody {
    const c = ERROR_CATALOGUE[this.code];
    return { error: { code: this.code, message: this.messageZh ?? c.zh, messageEn: c.en, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** The Chinese sentence for a code, for clients that only have the code. */
export function messageFor(code: string): string {
  return (ERROR_CATALOGUE as Record<string, { zh: string }>)[code]?.zh ?? ERROR_CATALOGUE.INTERNAL.zh;
}
