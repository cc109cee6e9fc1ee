export default definePageConfig({ navigationBarTitleText: '评议轮次管理' });
