// Public entry of @ferry/kube-values: Kubernetes value types several domain libs share, parsed and
// matched as apimachinery does — resource quantities and label selectors, Go durations, Go's quoting and type names, and metav1.Time's text. Pure; every export named.

export {
  QuantityErrorKind,
  zeroQuantity,
  parseQuantity,
  isZeroQuantity,
  compareQuantities,
  formatQuantity,
  quantityTextIsZero,
  type Quantity,
  type QuantityParseResult,
} from './quantity-parser';
export { isPresentLabelSelector, labelSelectorError, type LabelSelectorSpec } from './label-selector-validation';
export { compileLabelSelector, labelSelectorMatches, type CompiledSelector, type ObjectLabels } from './label-selector';
export { parseDuration, formatDuration, nanosecondsPerMillisecond, type DurationParseResult } from './go-duration';
export { goQuoted } from './go-quote';
export { kubeTimestamp } from './kube-timestamp';
export { goTypeName } from './go-type-name';
