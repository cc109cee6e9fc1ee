export default definePageConfig({ navigationBarTitleText: '纸质表录入' });
