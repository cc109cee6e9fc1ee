export default definePageConfig({ navigationBarTitleText: '方案编辑' });
