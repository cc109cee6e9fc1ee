export default definePageConfig({ navigationBarTitleText: '导入评议对象' });
