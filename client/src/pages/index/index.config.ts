export default definePageConfig({ navigationBarTitleText: '群众评议' });
