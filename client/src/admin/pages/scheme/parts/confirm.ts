import Taro from '@tarojs/taro';

/**
 * Asks before removing something from a scheme; `uses` lists what still reads it (the live
 * check will name each of those fields after the removal).
 * @example if (await confirmRemove('评分项“政风建设年”', ['“评议总成绩”的权重'])) change(removeComponent(body, 'style_year'))
 */
export async function confirmRemove(what: string, uses: string[] = []): Promise<boolean> {
  const more = uses.length ? `以下内容仍在使用它，删除后须一并修改：${uses.join('、')}。` : '';
  const r = await Taro.showModal({ title: '确认删除', content: `删除${what}？${more}保存前都可以撤销（重新载入本版本）。`, confirmText: '删除', cancelText: '取消' });
  return r.confirm;
}
