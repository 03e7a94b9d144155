// See jest-global-setup.js.
require('tsx/cjs/api').register();
module.exports = require('./src/jest-global-teardown.ts').default;
