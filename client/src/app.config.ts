export default defineAppConfig({
  pages: ['pages/index/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '群众评议',
    navigationBarTextStyle: 'white',
  },
});
