export default definePageConfig({ navigationBarTitleText: '录入数据' });
