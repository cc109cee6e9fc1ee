export default definePageConfig({ navigationBarTitleText: '评议代表抽取公示' });
