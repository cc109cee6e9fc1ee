export default definePageConfig({ navigationBarTitleText: '定向评议邀请' });
