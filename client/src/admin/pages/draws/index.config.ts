export default definePageConfig({ navigationBarTitleText: '公开抽取评议代表' });
