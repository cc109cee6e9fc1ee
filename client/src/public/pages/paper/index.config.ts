export default definePageConfig({ navigationBarTitleText: '在线填写测评表' });
