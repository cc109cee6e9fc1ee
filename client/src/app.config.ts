export default defineAppConfig({
  // Main package: only what a citizen needs (WeChat caps it at 2 MB; our budget is 500 KB).
  pages: [
    'pages/index/index',
    'pages/rate/index',
    'pages/receipt/index',
    'pages/mine/index',
    'pages/sample/index',
    'pages/invite/index',
    'pages/privacy/index',
  ],
  subPackages: [
    { root: 'staff', pages: ['pages/login/index', 'pages/unit/index', 'pages/rankings/index', 'pages/tasks/index', 'pages/task/index', 'pages/sheets/index'] },
    // Published results: anyone may read them, but they are not what a citizen scanning a window needs.
    { root: 'public', pages: ['pages/results/index', 'pages/round/index', 'pages/draw/index', 'pages/paper/index'] },
    { root: 'admin', pages: ['pages/rounds/index', 'pages/review/index', 'pages/hearing/index', 'pages/draws/index', 'pages/import/index', 'pages/qr/index', 'pages/invitations/index', 'pages/consequences/index', 'pages/inputs/index', 'pages/programmes/index', 'pages/programme/index', 'pages/paper/index', 'pages/paper-intake/index', 'pages/paper-mismatches/index', 'pages/schemes/index', 'pages/scheme/index', 'pages/accounts/index', 'pages/representatives/index', 'pages/tasks/index', 'pages/outbox/index', 'pages/audit/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '群众评议',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
});
