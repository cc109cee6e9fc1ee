import { scrubComment } from '@shared/privacy/scrub';

describe('comment scrubbing', () => {
  it.each([
    ['手机13800138000请回电', '手机***********请回电'],
    ['电话 138-0013-8000', '电话 *************'],
    ['+86 13912345678', '***************'],
    ['座机0431-88881234', '座机*************'],
    ['身份证22010219900307123X办不了', '身份证******************办不了'],
    ['老身份证220102900307123', '老身份证***************'],
    ['邮箱 zhang.san@example.com', '邮箱 *********************'],
    ['车牌吉A12345被拖走', '车牌*******被拖走'],
    ['我叫张三丰，来办户口', '我叫***，来办户口'],
    ['姓名：李四', '姓名：**'],
  ])('masks %s', (input, expected) => expect(scrubComment(input)).toBe(expected));

  it('keeps staff titles, amounts, dates and ordinary numbers', () => {
    const text = '王科长态度冷淡，让我跑了3趟，2026年11月23日还要交200元';
    expect(scrubComment(text)).toBe(text);
  });
});
