import { scrubComment } from '@shared/privacy/scrub';

/** n stars: what a masked stretch of n written characters becomes. */
const S = (n: number) => '*'.repeat(n);

/**
 * The scrubber's corpus: each line is a way a citizen (or someone trying to get identifying
 * text past the scrubber) writes a phone, landline, ID, plate, e-mail, WeChat/QQ id or name,
 * with the exact text unit staff may read. `plain` are the usual ways; `adversarial` are
 * disguises (full-width, lookalikes, separators, spelled-out digits, control characters,
 * keywords split or dressed up). `kept` must come through unchanged.
 */
const plain: Array<[string, string]> = [
  ['手机13800138000请回电', `手机${S(11)}请回电`],
  ['电话 138-0013-8000', `电话 ${S(13)}`],
  ['+86 13912345678', S(15)],
  ['座机0431-88881234', `座机${S(13)}`],
  ['身份证22010219900307123X办不了', `身份证${S(18)}办不了`],
  ['老身份证220102900307123', `老身份证${S(15)}`],
  ['邮箱 zhang.san@example.com', `邮箱 ${S(21)}`],
  ['车牌吉A12345被拖走', `车牌${S(7)}被拖走`],
  ['我叫张三丰，来办户口', `我叫${S(3)}，来办户口`],
  ['姓名：李四', `姓名：${S(2)}`],
  ['我的电话是15912345678', `我的电话是${S(11)}`],
  ['联系电话：13612345678。', `联系电话：${S(11)}。`],
  ['手机号 186 1234 5678', `手机号 ${S(13)}`],
  ['0755-12345678', S(13)],
  ['010-87654321转8', `${S(12)}转8`],
  ['固话 87654321', `固话 ${S(8)}`],
  ['身份证号110101199003071234', `身份证号${S(18)}`],
  ['身份证110101199003071234，户口本丢了', `身份证${S(18)}，户口本丢了`],
  ['邮箱abc123@qq.com', `邮箱${S(13)}`],
  ['发到 li_si@163.com 就行', `发到 ${S(13)} 就行`],
  ['车牌京A12345', `车牌${S(7)}`],
  ['粤B12345的车主', `${S(7)}的车主`],
  ['新能源车牌沪AD12345', `新能源车牌${S(8)}`],
  ['微信号zhangsan88', `微信号${S(10)}`],
  ['微信：wx_lisi_2026', `微信：${S(12)}`],
  ['QQ号123456', `QQ号${S(6)}`],
  ['qq 98765', `qq ${S(5)}`],
  ['我叫王小明', `我叫${S(3)}`],
  ['我叫李四，', `我叫${S(2)}，`],
  ['本人张三', `本人${S(2)}`],
  ['我是刘德华', `我是${S(3)}`],
  ['姓名:赵六', `姓名:${S(2)}`],
  ['名字叫孙七', `名字叫${S(2)}`],
  ['我的名字是周八', `我的名字是${S(2)}`],
  ['联系人：吴九', `联系人：${S(2)}`],
  ['签名：郑十', `签名：${S(2)}`],
  ['我姓张', `我姓${S(1)}`],
  ['银行卡6222021234567890123', `银行卡${S(19)}`],
  ['办件编号2026112300012', `办件编号${S(13)}`],
  ['电话13800138000，身份证110101199003071234', `电话${S(11)}，身份证${S(18)}`],
  ['我叫张三，电话13800138000', `我叫${S(2)}，电话${S(11)}`],
  ['my name is Zhang San', `my name is ${S(9)}`],
  ['手机：13712345678，座机：0571-88888888', `手机：${S(11)}，座机：${S(13)}`],
  ['加我微信 lisi_1990 聊', `加我微信 ${S(9)} 聊`],
  ['QQ:10001', `QQ:${S(5)}`],
];

const adversarial: Array<[string, string]> = [
  // full-width and other Unicode digit forms
  ['电话１３８１２３４５６７８', `电话${S(11)}`],
  ['１３８－１２３４－５６７８', S(13)],
  ['手机①③⑧①②③④⑤⑥⑦⑧', `手机${S(11)}`],
  ['𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖', S(11)],
  ['¹³⁸¹²³⁴⁵⁶⁷⁸', S(11)],
  ['1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', S(33)],
  ['身份证１１０１０１１９９００３０７１２３Ｘ', `身份证${S(18)}`],
  // separators between digits
  ['138.1234.5678', S(13)],
  ['1381 234 5678', S(13)],
  ['138 1234 5678', S(13)],
  ['1 3 8 1 2 3 4 5 6 7 8', S(21)],
  ['138_1234_5678', S(13)],
  ['138/1234/5678', S(13)],
  ['138、1234、5678', S(13)],
  ['138，1234，5678', S(13)],
  ['138。1234。5678', S(13)],
  ['138·1234·5678', S(13)],
  ['138~1234~5678', S(13)],
  ['138—1234—5678', S(13)],
  ['(0755)12345678', `(${S(13)}`],
  ['（0755）12345678', `（${S(13)}`],
  ['0755 1234567', S(12)],
  ['1101 0119 9003 0712 3X', S(22)],
  ['110101-19900307-1234', S(20)],
  ['1101.0119.9003.0712.34', S(22)],
  // spelled-out digits and lookalike letters
  ['一三八一二三四五六七八', S(11)],
  ['幺三八幺二三四五六七八', S(11)],
  ['壹叁捌壹贰叁肆伍陆柒捌', S(11)],
  ['1三8一2三4五6七8', S(11)],
  ['电话138O0l38OOO', `电话${S(11)}`],
  ['138ОО138ООО', S(11)],
  ['l38l2345678', S(11)],
  ['13８-一二三四-5678', S(13)],
  // control, zero-width and bidi characters hidden inside numbers
  ['138\u200b1234\u200b5678', S(11)],
  ['138\u00001234\u001b5678', S(11)],
  ['\u202e8765432183100\u202c', S(13)],
  ['138\u20601234\ufeff5678', S(11)],
  ['电\u202e话13812345678', `电话${S(11)}`],
  // landlines dressed up
  ['0755－1234567', S(12)],
  ['+86-755-12345678', S(16)],
  ['+86 (0) 138 1234 5678', S(21)],
  // plates
  ['京A·12345', S(8)],
  ['京a12345', S(7)],
  ['京 A 12345', S(9)],
  ['京A-12345', S(8)],
  ['京Ａ１２３４５', S(7)],
  ['粤b·d12345', S(9)],
  // e-mail in disguise
  ['zhangsan＠１６３．ｃｏｍ', S(16)],
  ['zhangsan (at) 163 (dot) com', S(27)],
  ['zhangsan艾特163点com', S(17)],
  ['zhangsan @ qq . com', S(19)],
  ['zhаngsаn@163.com', S(16)],
  // WeChat and QQ ids
  ['微信号 zhang_san88', `微信号 ${S(11)}`],
  ['微信号：zhangsan-1990', `微信号：${S(13)}`],
  ['vx: lisi2026abc', `vx: ${S(11)}`],
  ['VX＝lisi2026abc', `VX＝${S(11)}`],
  ['威信 wangwu666', `威信 ${S(9)}`],
  ['ｗｘ：ａｂｃｄｅｆ１２', `ｗｘ：${S(8)}`],
  ['v信是lisi_888', `v信是${S(8)}`],
  ['QQ号码是 12345', `QQ号码是 ${S(5)}`],
  ['扣扣 654321', `扣扣 ${S(6)}`],
  ['企鹅号：88888', `企鹅号：${S(5)}`],
  ['ＱＱ１２３４５６', `ＱＱ${S(6)}`],
  ['qq 12 345', `qq ${S(6)}`],
  // self-introductions in other words
  ['我姓张名三', `我姓${S(1)}名${S(1)}`],
  ['我姓张，叫三丰', `我姓${S(1)}，叫${S(2)}`],
  ['我姓欧阳名修', `我姓${S(2)}名${S(1)}`],
  ['我姓李单名白', `我姓${S(1)}单名${S(1)}`],
  ['本人 张三', `本人 ${S(2)}`],
  ['鄙人王五', `鄙人${S(2)}`],
  ['在下李四', `在下${S(2)}`],
  ['我叫 张三', `我叫 ${S(2)}`],
  ['我叫：张三', `我叫：${S(2)}`],
  ['姓名 : 李四', `姓名 : ${S(2)}`],
  ['我的名字叫陈小红', `我的名字叫${S(3)}`],
  ['我是欧阳娜娜', `我是${S(4)}`],
  ['落款：孙悟空', `落款：${S(3)}`],
  ['我叫张\u200b三', `我叫${S(2)}`],
  // several at once
  ['我叫张三，１３８ 1234 5678，微信zs_1990', `我叫${S(2)}，${S(13)}，微信${S(7)}`],
  ['车牌京a·12345，电话(010)8765-4321', `车牌${S(8)}，电话(${S(13)}`],
];

const kept: string[] = [
  '王科长态度冷淡，让我跑了3趟，2026年11月23日还要交200元',
  '我是王科长介绍来的',
  '我是来办事的，等了2个小时',
  '本人于11月来办理社保',
  '2026-11-23来的，窗口没人',
  '一二三楼都跑遍了',
  '希望增加1个窗口，排队50人',
  '10:32到的，11:05才叫号',
  '服务很好，点赞！',
  '李医生很耐心',
];

describe('the scrubber corpus', () => {
  it('has at least 100 formats, at least half of them adversarial', () => {
    expect(plain.length + adversarial.length).toBeGreaterThanOrEqual(100);
    expect(adversarial.length).toBeGreaterThanOrEqual((plain.length + adversarial.length) / 2);
  });

  it.each(plain)('masks %j', (input, expected) => expect(scrubComment(input)).toBe(expected));
  it.each(adversarial)('masks the disguised %j', (input, expected) => expect(scrubComment(input)).toBe(expected));
  it.each(kept.map((t) => [t]))('keeps %j as written', (text) => expect(scrubComment(text)).toBe(text));

  it('leaves no digit run of 7 or more and no control character in any output', () => {
    for (const [input] of [...plain, ...adversarial]) {
      const out = scrubComment(input).normalize('NFKC');
      expect(out).not.toMatch(/\d(?:\D{0,2}\d){6,}/);
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('is idempotent: scrubbing a scrubbed comment changes nothing', () => {
    for (const [input] of [...plain, ...adversarial]) expect(scrubComment(scrubComment(input))).toBe(scrubComment(input));
  });
});
