export default definePageConfig({ navigationBarTitleText: '抽样评议' });
