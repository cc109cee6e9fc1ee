// babel-preset-taro compiles the client for both platforms (options: docs.taro.zone babel-config).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
