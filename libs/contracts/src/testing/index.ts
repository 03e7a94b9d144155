// Test entry of @ferry/contracts (`@ferry/contracts/testing`): contracts that only tests use. Never
// import it from production code; the production registry (`ferryContracts`) does not hold these.

export { createSmokeContracts, type SmokeContracts } from './smoke-contracts';
export { smokeJobSchema, smokePingReplySchema, smokePingRequestSchema, smokeSignalSchema } from './smoke-messages';
