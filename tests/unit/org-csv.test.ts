import { AppError } from '@shared/errors';
import { parseOrgCsv } from '../../functions/src/domain/org-csv';

const refusal = (text: string) => {
  try {
    parseOrgCsv(text);
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, errors: (e.details as { errors: unknown }).errors };
    throw e;
  }
  throw new Error('accepted');
};

describe('the organisation CSV', () => {
  it('takes the office template: Chinese header and kinds', () => {
    const rows = parseOrgCsv('\uFEFF类型,编号,名称,上级编号,表单\n组别,c1,执法监督组,,\n单位,u1,公安局,c1,\n科室,s11,户政科,u1,\n窗口,w111,户政1号窗口,s11,\n');
    expect(rows.map((r) => [r.line, r.request.kind, r.request.id, r.request.parentId])).toEqual([
      [2, 'category', 'c1', null],
      [3, 'unit', 'u1', 'c1'],
      [4, 'section', 's11', 'u1'],
      [5, 'window', 'w111', 's11'],
    ]);
  });

  it("takes the tools' header as before", () => {
    expect(parseOrgCsv('kind,id,name,parentId,formKey\nunit,u1,公安局,c1,\n')[0]!.request).toEqual({ kind: 'unit', id: 'u1', name: '公安局', parentId: 'c1' });
  });

  it('names each bad cell by line and Chinese column, in words a clerk can act on', () => {
    expect(refusal('类型,编号,名称,上级编号,表单\n部门,u1,公安局,c1,\n单位,公安局/1,公安局,c1,\n')).toEqual({
      code: 'CSV_INVALID',
      errors: [
        { line: 2, field: '类型', message: '类型应为 组别、单位、科室、窗口/岗位' },
        { line: 3, field: '编号', message: '编号应为 1–12 位字母、数字、-、_' },
      ],
    });
  });

  it('asks for the template header', () => {
    expect(refusal('单位,名称\nu1,公安局\n')).toEqual({ code: 'CSV_INVALID', errors: [{ line: 1, message: '表头应为 类型,编号,名称,上级编号,表单' }] });
  });
});
