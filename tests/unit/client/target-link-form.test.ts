import fc from 'fast-check';
import type { LinkTargetsRequest } from '@shared/api/programmes';
import { linkProblem } from '../../../functions/src/domain/programmes/programmes';
import { linkError, linkMeaning, linkProblemZh, parseIds } from '../../../client/src/admin/lib/target-link';
import { ApiError } from '../../../client/src/api/errors';

describe('the target link form', () => {
  it('reads ids separated by 、 commas or spaces', () => {
    expect(parseIds(' s11、s12, s13，s14  s15 ')).toEqual(['s11', 's12', 's13', 's14', 's15']);
    expect(parseIds('')).toEqual([]);
  });

  it('refuses in Chinese exactly the links the API refuses (carries aside for a rename, which the form never sends)', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const req = fc.record({ kind: fc.constantFrom('rename', 'merge', 'split'), from: fc.array(id, { minLength: 1, maxLength: 3 }), to: fc.array(id, { minLength: 1, maxLength: 3 }), carries: fc.option(fc.array(id, { maxLength: 2 }), { nil: undefined }) });
    fc.assert(
      fc.property(req, (r) => {
        const sent = { ...r, ...(r.kind === 'rename' || r.carries === undefined ? { carries: undefined } : {}) } as LinkTargetsRequest;
        expect(linkProblemZh(sent) === undefined).toBe(linkProblem(sent) === undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('says what a link does to history before it is recorded', () => {
    expect(linkMeaning({ kind: 'rename', from: ['s11'], to: ['s11n'] })).toBe('更名：s11 → s11n。s11n 延续 s11 已公布轮次的评议记录，连续评议照常计算。');
    expect(linkMeaning({ kind: 'merge', from: ['a', 'b'], to: ['c'], carries: ['a'] })).toBe('合并：a、b → c。c 只延续 a 的评议记录，其余原对象的记录不再计入。');
    expect(linkMeaning({ kind: 'merge', from: ['a', 'b'], to: ['c'] })).toContain('连续评议从头计算');
    expect(linkMeaning({ kind: 'split', from: ['a'], to: ['b', 'c'] })).toBe('拆分：a → b、c。b、c 延续 a 的评议记录。');
  });

  it('makes the API\'s refusals specific and leaves others as they came', () => {
    const notFound = linkError(new ApiError('TARGET_NOT_FOUND', 404, '没有找到被评议的单位', { targetIds: ['s99'] })) as ApiError;
    expect(notFound.message).toBe('没有找到被评议的单位：s99（现评议对象须为本项目同一层级的已登记单位）');
    const invalid = linkError(new ApiError('TARGET_LINK_INVALID', 422, '评议对象的更名、合并或拆分关联不正确', { problem: 'the merged target must be new' })) as ApiError;
    expect(invalid.message).toBe('评议对象的更名、合并或拆分关联不正确：合并后的对象须为新编号');
    const other = new ApiError('FORBIDDEN', 403, '无权操作');
    expect(linkError(other)).toBe(other);
  });
});
