export default definePageConfig({ navigationBarTitleText: '评价回执' });
