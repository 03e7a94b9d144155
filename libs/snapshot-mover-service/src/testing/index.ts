// Test support of the snapshot mover service. Specs only; production code never imports this entry.
export { aPlanWorld, fakeSnapshotMoverApi, planFailure, type PlanWorld } from './plan-world';
