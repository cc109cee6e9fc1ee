import type { Page } from 'playwright-core';

/**
 * Resolves once the login page has gone on to `next` (its path, ignoring the query): a test that
 * navigates before then has its page covered by the login's own late redirect.
 */
export async function landedOn(page: Page, next: string): Promise<void> {
  const path = `#${next.split('?')[0]}`;
  await page.waitForURL((u) => u.hash.split('?')[0] === path, { timeout: 60_000 });
}

/** Dev-logs a unit staff member in through the H5 login page; lands on `next` (default: the unit page). */
export async function loginStaffInBrowser(page: Page, baseUrl: string, name: string, unitId: string, next?: string): Promise<void> {
  const q = next ? `?next=${encodeURIComponent(next)}` : '';
  await page.goto(`${baseUrl}/#/staff/pages/login/index${q}`);
  await page.locator('input[placeholder="请输入姓名"]').fill(name);
  await page.locator('input[placeholder="例如 u-gaj"]').fill(unitId);
  await page.getByTestId('login-submit').click();
  await landedOn(page, next ?? '/staff/pages/unit/index');
}

/** Dev-logs someone of the supervising office (评议主管部门) in through the H5 login page; lands on `next`. */
export async function loginSupervisorInBrowser(page: Page, baseUrl: string, name: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/#/staff/pages/login/index?next=${encodeURIComponent(next)}`);
  await page.locator('input[placeholder="请输入姓名"]').fill(name);
  await page.getByText('评议主管部门', { exact: true }).click();
  await page.getByTestId('login-submit').click();
  await landedOn(page, next);
}

/** A valid 1×1 PNG: a real photo format for the evidence upload. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
