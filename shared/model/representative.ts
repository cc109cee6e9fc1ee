import { z } from 'zod';
import { Instant, NodeId } from './ids';

/**
 * A member of the 评议代表库 (the county's pool of people who may be drawn onto a panel or a
 * hearing). `category` is the stratum a draw's quotas are written in (服务对象 public, 两代表一委员
 * deputies, 离退休老干部 retired, 村组干部 cadres, 先锋户 pioneers …); `worksFor` names the org
 * node they work for (a unit, section …) so they are never drawn to rate it; `household` is an
 * opaque code shared by people of one household (户).
 * @example { id: 'R0001', name: '张三', category: 'public', area: '城关镇', worksFor: 'u1', household: 'H017' }
 */
export const REPRESENTATIVE_CATEGORY = /^[a-z0-9_]{1,32}$/;
export const Representative = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().trim().min(1).max(40),
  category: z.string().regex(REPRESENTATIVE_CATEGORY),
  area: z.string().trim().max(40).optional(),
  worksFor: NodeId.optional(),
  household: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
  updatedAt: Instant,
});
export type Representative = z.infer<typeof Representative>;

/**
 * Names of the usual categories, for pages; a county may use others (shown by their id).
 * @example CATEGORY_LABELS.deputies // '两代表一委员'
 */
export const CATEGORY_LABELS: Record<string, string> = {
  public: '服务对象',
  business: '企业代表',
  deputies: '两代表一委员',
  cppcc: '政协委员',
  retired: '离退休老干部',
  cadres: '村组干部',
  residents: '普通群众',
  pioneers: '先锋户',
};

/** The CSV header of a representative import, as tools write it. */
export const REPRESENTATIVE_CSV_HEADER = ['id', 'name', 'category', 'area', 'worksFor', 'household'] as const;
/** The same columns as the office's template names them (an Excel sheet saved as CSV). */
export const REPRESENTATIVE_CSV_HEADER_ZH = ['编号', '姓名', '类别', '片区', '工作单位编号', '户号'] as const;
export const REPRESENTATIVE_FIELD_LABELS: Record<(typeof REPRESENTATIVE_CSV_HEADER)[number], string> = Object.fromEntries(
  REPRESENTATIVE_CSV_HEADER.map((f, i) => [f, REPRESENTATIVE_CSV_HEADER_ZH[i]!]),
) as Record<(typeof REPRESENTATIVE_CSV_HEADER)[number], string>;

/**
 * A category cell as the office writes it: the category's id, or its Chinese name for the
 * usual ones (两代表一委员 → deputies).
 * @example categoryOfCell('离退休老干部') // 'retired'
 */
export function categoryOfCell(cell: string): string {
  const t = cell.trim();
  return Object.entries(CATEGORY_LABELS).find(([, label]) => label === t)?.[0] ?? t;
}
