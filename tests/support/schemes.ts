import type { SchemeForms } from '@shared/model/scheme-forms';
import { getSchemePreset } from '@shared/schemes';

/**
 * A scheme for pipeline tests, independent of the presets: every ballot channel, a required
 * single item, an optional item whose blank counts as 'normal', and a multi-choice problem item.
 */
export const PIPELINE_SCHEME: SchemeForms = {
  id: 'test-pipeline',
  name: '测试方案',
  channels: ['window', 'sampling', 'directed'],
  forms: {
    default: {
      title: '测试表',
      comment: true,
      items: [
        { id: 'overall', label: '总体', kind: 'single', required: true, options: [{ value: 'satisfied', label: '满意' }, { value: 'unsatisfied', label: '不满意' }] },
        { id: 'speed', label: '效率', kind: 'single', required: false, blankAs: 'normal', options: [{ value: 'good', label: '好' }, { value: 'normal', label: '一般' }, { value: 'bad', label: '差' }] },
        { id: 'problems', label: '问题', kind: 'multi', required: false, options: [{ value: 'cold', label: '冷' }, { value: 'lazy', label: '懒' }, { value: 'push', label: '推' }] },
      ],
    },
    school: {
      title: '学校测试表',
      comment: false,
      items: [{ id: 'overall', label: '总体', kind: 'single', required: true, options: [{ value: 'satisfied', label: '满意' }, { value: 'unsatisfied', label: '不满意' }] }],
    },
  },
};

export const testSchemes = (id: string): SchemeForms | undefined => (id === PIPELINE_SCHEME.id ? PIPELINE_SCHEME : getSchemePreset(id));
