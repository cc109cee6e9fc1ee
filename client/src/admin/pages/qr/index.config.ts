export default definePageConfig({ navigationBarTitleText: '窗口二维码' });
