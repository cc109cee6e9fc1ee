export default definePageConfig({ navigationBarTitleText: '账号与单位' });
