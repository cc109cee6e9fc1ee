import { DynamoOutbox } from '../../functions/src/adapters/dynamodb/outbox';
import type { TestStack } from './stack';

/**
 * A 500-member representative library for the small county (see fixtures.ts): 300 public
 * (服务对象和群众代表), 150 deputies (两代表一委员), 50 retired (离退休老干部). Excluded from a
 * section round: R0001–R0010 work for 公安局 u1 (above s11, s12), R0011–R0015 for 基础教育科 s21,
 * R0016 for 户政1号窗口 w111 (below s11), R0451–R0460 (retired) for 教育局 u2; R0017 shares a
 * household with R0001. R0299 and R0300 share a household. Eligible: 473.
 */
export function libraryCsv(): string {
  const rows = ['id,name,category,area,worksFor,household'];
  for (let i = 1; i <= 500; i++) {
    const id = `R${String(i).padStart(4, '0')}`;
    const category = i <= 300 ? 'public' : i <= 450 ? 'deputies' : 'retired';
    const worksFor = i <= 10 ? 'u1' : i <= 15 ? 's21' : i === 16 ? 'w111' : i >= 451 && i <= 460 ? 'u2' : '';
    const household = i === 1 || i === 17 ? 'H-STAFF1' : i === 299 || i === 300 ? 'H-PAIR' : `H${i}`;
    rows.push(`${id},代表${i},${category},${i % 2 ? '城关镇' : '新华乡'},${worksFor},${household}`);
  }
  return rows.join('\n');
}

export const EXCLUDED = ['R0001', 'R0002', 'R0003', 'R0004', 'R0005', 'R0006', 'R0007', 'R0008', 'R0009', 'R0010', 'R0011', 'R0012', 'R0013', 'R0014', 'R0015', 'R0016', 'R0017', ...Array.from({ length: 10 }, (_, i) => `R0${451 + i}`)];

export const outbox = (stack: TestStack) => new DynamoOutbox(stack.db, stack.tableName).list();

/** The invitation token inside a subscription message's page. */
export const tokenOf = (page: string) => decodeURIComponent(page.split('token=')[1]!);
