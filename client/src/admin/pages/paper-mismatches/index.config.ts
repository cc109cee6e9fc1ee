export default definePageConfig({ navigationBarTitleText: '录入分歧裁定' });
