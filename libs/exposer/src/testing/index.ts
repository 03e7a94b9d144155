// Test support of the exposer domain lib: fixtures of exposure inputs and the objects they read.
// Specs only; production code never imports this entry.

export {
  aBackupInput,
  aBackupPvc,
  aDataDownload,
  aDataUpload,
  aPod,
  aPodTemplate,
  aPv,
  aPvc,
  aRestoreInput,
  aVs,
  aVsc,
  aWarning,
  ferryNs,
} from './exposure-fixtures';
