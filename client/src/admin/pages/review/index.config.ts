export default definePageConfig({ navigationBarTitleText: '审核与发布' });
