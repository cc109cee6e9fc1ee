export default definePageConfig({ navigationBarTitleText: '纸质测评表' });
