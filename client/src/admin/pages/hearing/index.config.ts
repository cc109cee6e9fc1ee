export default definePageConfig({ navigationBarTitleText: '听证评议现场计票' });
