import { classifyComment, commentCategoryLabel, commentLexiconStamp, COMMENT_CATEGORY_IDS, type CommentCategoryId } from '@shared/publication/comment-categories';
import { CATEGORY_LEXICON } from '@shared/publication/comment-lexicon';

/** Comments as citizens write them, with the categories a reader would file them under. */
const COMPLAINTS: Array<[string, CommentCategoryId[]]> = [
  // 服务态度
  ['态度差', ['attitude']],
  ['工作人员态度很不好，问两句就不耐烦', ['attitude']],
  ['服务态度不是很好', ['attitude']],
  ['窗口的大姐态度恶劣，还骂人', ['attitude']],
  ['脸难看，门难进', ['attitude']],
  ['问什么都爱理不理的', ['attitude']],
  ['对群众大声呵斥，说话很难听', ['attitude']],
  ['冷冰冰的，一点人情味都没有', ['attitude']],
  // 办事效率
  ['办事排队太久', ['efficiency']],
  ['排了两个小时的队才轮到我', ['efficiency']],
  ['等了一上午，中途还停了', ['efficiency']],
  ['办个证跑了好几次都没办成', ['efficiency']],
  ['拖拉严重，效率太低了', ['efficiency']],
  ['提交材料半个月了至今没有回复', ['efficiency']],
  ['电话打不通', ['efficiency']],
  ['建议多开几个窗口', ['efficiency']],
  // 推诿扯皮
  ['推来推去，说不归我们管', ['shirking']],
  ['几个科室踢皮球', ['shirking']],
  ['让我去找别的部门，那边又让我回来', ['shirking']],
  ['这不是我们负责的，你去街道问', ['shirking']],
  // 一次告知
  ['没有一次性告知需要哪些材料', ['disclosure']],
  ['每次说的都不一样', ['disclosure']],
  ['材料清单写得不清楚，来回跑', ['disclosure']],
  ['补了三次材料', ['disclosure']],
  // 乱收费乱作为
  ['乱收费', ['arbitrary']],
  ['故意刁难，要我开奇葩证明', ['arbitrary']],
  ['指定中介，多收了两百块', ['arbitrary']],
  // 吃拿卡要
  ['要红包才给办', ['graft']],
  ['索要好处费', ['graft']],
  ['找关系的人先办，关系户插队', ['graft']],
  // 工作纪律
  ['上班时间聊天', ['discipline']],
  ['窗口没人，等了半天才回来', ['discipline', 'efficiency']],
  ['迟到早退，提前下班', ['discipline']],
  ['一直在看手机', ['discipline']],
  // 环境设施
  ['停车难，没有座位', ['facilities']],
  ['厕所很脏', ['facilities']],
  ['自助机坏了没人修', ['facilities']],
  ['网速太慢，系统老是卡', ['facilities']],
  ['大厅太冷了', ['facilities']],
  ['建议增加停车位', ['facilities']],
];

/** Praise, and complaints negated or told as the past: no category. */
const NOTHING: string[] = [
  '态度好，效率高',
  '态度很好',
  '工作人员很热情，办事效率高，点赞',
  '窗口服务热情周到，非常满意',
  '很有耐心，讲得很清楚',
  '一次就办好了，没有来回跑',
  '没有推诿扯皮现象',
  '无推诿、扯皮、刁难现象',
  '推诿扯皮现象没有了',
  '一点也不冷漠',
  '不像以前那样冷漠',
  '以前要跑好几趟，现在一次就办好了',
  '再也不用跑好几趟了',
  '态度不差，效率不低',
  '不用排队，很快就办好了',
  '等了五分钟就办好了',
  '跑了一趟就办好了',
  '从不拖拉',
  '没有遇到任何刁难',
  '拒收红包，值得表扬',
  '没有吃拿卡要和乱收费',
  '不耐烦都没有',
  '一点都不慢',
  '大厅很热闹，很有人情味',
  '办事效率高，环境整洁',
  '希望继续保持，不要推诿',
  '',
];

/** Praise and complaint in one comment: only the complaint counts. */
const MIXED: Array<[string, CommentCategoryId[]]> = [
  ['虽然排队很久，但态度很好', ['efficiency']],
  ['态度还行，就是排队太久了', ['efficiency']],
  ['服务态度好，但是停车不太方便', ['facilities']],
  ['态度好是好，就是效率太低', ['efficiency']],
  ['没有推诿，但是态度差', ['attitude']],
  ['不推诿不扯皮，就是窗口人员玩手机', ['discipline']],
  ['很不满意，等了很久', ['efficiency']],
  ['没想到这么慢', ['efficiency']],
  ['不少人排队很久', ['efficiency']],
  ['我是李四，手机13912345678，排队两小时', ['efficiency']],
  ['窗口人员上班玩手机，态度冷漠，让我跑了三趟', ['attitude', 'discipline', 'efficiency']],
  ['态度差，还推诿，说材料不全让我回去等通知', ['attitude', 'disclosure', 'shirking']],
];

describe('classifyComment', () => {
  it.each(COMPLAINTS)('files %s under its complaint', (text, want) => {
    expect(classifyComment(text)).toEqual(want);
  });

  it.each(NOTHING.map((t) => [t]))('finds no complaint in %s', (text) => {
    expect(classifyComment(text)).toEqual([]);
  });

  it.each(MIXED)('counts only the complaint of %s', (text, want) => {
    expect(classifyComment(text)).toEqual(want);
  });

  it('reads full-width punctuation, digits and spaces as clause ends and numbers', () => {
    expect(classifyComment('排了２个小时的队！态度 冷漠')).toEqual(['attitude', 'efficiency']);
    // The full-width comma ends the negated clause: the second one is a complaint.
    expect(classifyComment('没有推诿，态度恶劣')).toEqual(['attitude']);
  });

  it('answers sorted ids, each once, whatever the order and repetition in the comment', () => {
    const once = classifyComment('推诿！玩手机！推诿扯皮！态度差！玩手机');
    expect(once).toEqual(['attitude', 'discipline', 'shirking']);
    expect(classifyComment('态度差，玩手机，推诿')).toEqual(once);
    expect(classifyComment(undefined)).toEqual([]);
  });
});

describe('the comment lexicon', () => {
  it('has one label per category and ids that the schemas accept', () => {
    expect(COMMENT_CATEGORY_IDS).toEqual(['attitude', 'efficiency', 'shirking', 'disclosure', 'arbitrary', 'graft', 'discipline', 'facilities']);
    expect(COMMENT_CATEGORY_IDS.map(commentCategoryLabel)).toEqual(['服务态度', '办事效率', '推诿扯皮', '一次告知', '乱收费乱作为', '吃拿卡要', '工作纪律', '环境设施']);
  });

  it('compiles every phrase, and no phrase matches an empty comment', () => {
    for (const c of CATEGORY_LEXICON) for (const p of c.phrases) expect([p, new RegExp(p).test('')]).toEqual([p, false]);
  });

  it('is stamped with its id and the SHA-256 of its data, stable across calls', () => {
    const stamp = commentLexiconStamp();
    expect(stamp).toEqual({ id: 'pingyi-comments/1', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(commentLexiconStamp()).toEqual(stamp);
  });
});
