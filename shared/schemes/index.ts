import type { SchemeForms } from '../model/scheme-forms';

/**
 * TEMPORARY registry until the scheme engine lands (issue 3 replaces this file with the full
 * presets). Exports kept stable: getSchemePreset, SCHEME_PRESET_IDS.
 */
const ganquan: SchemeForms = {
  id: 'ganquan',
  name: '甘泉县群众和服务对象监督评价',
  channels: ['window', 'sampling', 'directed', 'hearing'],
  forms: {
    default: {
      title: '满意度测评表',
      comment: true,
      items: [
        {
          id: 'overall',
          label: '您对本次办事的总体评价',
          kind: 'single',
          required: true,
          options: [
            { value: 'satisfied', label: '满意', points: 1 },
            { value: 'unsatisfied', label: '不满意', points: 0 },
          ],
        },
      ],
    },
  },
};

const PRESETS: Record<string, SchemeForms> = { ganquan };
export const SCHEME_PRESET_IDS = Object.keys(PRESETS);
export function getSchemePreset(id: string): SchemeForms | undefined {
  return PRESETS[id];
}
