export default definePageConfig({ navigationBarTitleText: '监测与暗访填报' });
