// Jest runs global setup/teardown outside its module mapper, so the tsconfig path aliases
// (@ferry/*) would not resolve; tsx compiles the TypeScript and honours them.
require('tsx/cjs/api').register();
module.exports = require('./src/jest-global-setup.ts').default;
