import { defaultGroupMap, unmappedCategories } from '../../../client/src/admin/lib/group-map';

const TONGHE = [
  { id: 'enforcement', label: '执法监督组' },
  { id: 'service', label: '社会服务组' },
];

describe('a county’s 组别 placed in a scheme’s ranking groups', () => {
  it('proposes the group of the same id, else of the same name, and leaves the rest to the clerk', () => {
    const categories = [
      { id: 'service', name: '服务类' },
      { id: 'c1', name: '执法监督组 ' },
      { id: 'c9', name: '乡镇' },
    ];
    const map = defaultGroupMap(categories, TONGHE);
    expect(map).toEqual({ service: 'service', c1: 'enforcement' });
    expect(unmappedCategories(categories, TONGHE, map)).toEqual([{ id: 'c9', name: '乡镇' }]);
  });
  it('asks nothing when the scheme has no groups', () => {
    expect(unmappedCategories([{ id: 'c1', name: '执法监督组' }], [], {})).toEqual([]);
  });
});
