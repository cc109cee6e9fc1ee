import { parseCsv } from '../../functions/src/domain/csv';

describe('CSV reader', () => {
  it('reads quoted fields, doubled quotes, CRLF and an Excel BOM', () => {
    const rows = parseCsv('\ufeffkind,id,name\r\nunit,u1,"公安局, 户政"\r\nunit,u2,"说""好"""\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['kind', 'id', 'name'] },
      { line: 2, fields: ['unit', 'u1', '公安局, 户政'] },
      { line: 3, fields: ['unit', 'u2', '说"好"'] },
    ]);
  });

  it('skips blank lines but keeps line numbers true to the file', () => {
    expect(parseCsv('a,b\n\nc,d').map((r) => r.line)).toEqual([1, 3]);
  });

  it('keeps a newline inside quotes in the field', () => {
    expect(parseCsv('"a\nb",c\nd,e')).toEqual([
      { line: 1, fields: ['a\nb', 'c'] },
      { line: 3, fields: ['d', 'e'] },
    ]);
  });
});
