// Public entry of @ferry/data-movement: pure logic of moving a volume's data (progress maths;
// phase machines of the data-movement resources). Every export is named; append new ones below.

export {
  defaultEmitIntervalMs, defaultRateWindowMs, estimateEtaSeconds, estimateProgress, isEmissionDue, pruneSamples, rateOverWindow,
  type ProgressEstimate, type ProgressSample,
} from './transfer-progress';
export { createProgressTracker, type ProgressTracker, type ProgressTrackerOptions } from './transfer-progress-tracker';
