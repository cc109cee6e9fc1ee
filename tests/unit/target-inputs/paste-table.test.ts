import { cellValue, parsePasted } from '../../../client/src/admin/lib/paste-table';

const targets = [{ targetId: 's11', name: '户政科' }, { targetId: 's12', name: '出入境管理科' }];
const columns = [{ field: 'inputs.work', label: '工作考核分' }, { field: 'present.hearing', label: '到会人数（听证评议）' }];

describe('parsePasted', () => {
  it('maps rows copied from Excel by their header, skipping empty cells', () => {
    const text = '单位\t到会人数（听证评议）\t工作考核分\r\n户政科\t3\t88\r\n出入境管理科\t\t76.5\r\n';
    expect(parsePasted(text, targets, columns)).toEqual({
      cells: [
        { targetId: 's11', field: 'present.hearing', text: '3' },
        { targetId: 's11', field: 'inputs.work', text: '88' },
        { targetId: 's12', field: 'inputs.work', text: '76.5' },
      ],
      errors: [],
    });
  });

  it('takes the table’s column order without a header, and names rows it cannot place', () => {
    expect(parsePasted('s12\t90\n档案科\t80', targets, columns)).toEqual({ cells: [{ targetId: 's12', field: 'inputs.work', text: '90' }], errors: ['第 2 行：找不到单位“档案科”'] });
  });
});

describe('cellValue', () => {
  it('reads numbers, full-width digits and thousands commas; empty clears; words are refused', () => {
    expect(cellValue('１２０')).toEqual({ value: 120 });
    expect(cellValue('1,200')).toEqual({ value: 1200 });
    expect(cellValue(' ')).toEqual({ value: null });
    expect(cellValue('九十')).toEqual({ error: '“九十”不是数字' });
  });
});
