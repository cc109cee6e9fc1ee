export default definePageConfig({ navigationBarTitleText: '处理措施清单' });
