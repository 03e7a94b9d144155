export { checkContractRegistry, contractRegistryProblems, type ContractRegistryParts } from './contract-registry-check';
export { consumerName, defineConsumer, DeliverFrom, type ConsumerDefinition } from './consumer-definition';
export { ContractError, ContractErrorCode, InvalidDefinitionError, InvalidNameError, InvalidSubjectTokenError } from './errors';
export {
  diagnosisFindingSchema,
  exposeCleanupJobSchema,
  exposeCompleteRestoreJobSchema,
  exposeDiagnoseReplySchema,
  exposeDiagnoseRequestSchema,
  exposedVolumeSchema,
  exposeDirectionSchema,
  exposeJobSchema,
  exposeOutcomeSchema,
  exposeResultSchema,
  exposureDiagnosisSchema,
  operationRefSchema,
} from './expose-messages';
export {
  createFerryContracts,
  ferryContracts,
  type ConsumerTuning,
  type FerryContracts,
  type FerryContractsOptions,
} from './ferry-contracts';
export {
  defineCoreContract,
  defineJetStreamContract,
  defineRequestContract,
  Delivery,
  type ContractBase,
  type ContractParams,
  type CoreContract,
  type JetStreamContract,
  type MessageContract,
  type MessageInput,
  type MessageOf,
  type ReplyInput,
  type ReplyOf,
  type RequestContract,
} from './message-contract';
export { ContentEncoding, FerryHeader } from './message-headers';
export {
  moveCancelSchema,
  moveErrorSchema,
  moveJobIdSchema,
  moveJobSchema,
  moveOperationRefSchema,
  moveOutcomeSchema,
  moveProgressSchema,
  moveRepositorySchema,
  moveResultSchema,
  moveSummarySchema,
  moveVolumeSchema,
  uploaderTypeSchema,
} from './move-messages';
export {
  backupReferenceSchema,
  backupVolumePlanSchema,
  decisionReasonSchema,
  objectRefSchema,
  planStatsSchema,
  planTargetSchema,
  policyPlanRequestSchema,
  policySourceSchema,
  volumeActionSchema,
  volumePlanEntrySchema,
} from './policy-messages';
export {
  maxSnapshotIdsPerDeletion,
  repositoryClaimSchema,
  repositoryKeySchema,
  repositorySnapshotDeletionReplySchema,
  repositorySnapshotDeletionSchema,
} from './repository-messages';
export { assertSubjectFilter, defineStream, StreamRetention, StreamStorage, type StreamDefinition } from './stream-definition';
export { subjectCovers, subjectMatches, subjectsOverlap } from './subject-match';
export {
  param,
  subjectTemplate,
  type ParamNames,
  type SubjectParam,
  type SubjectParams,
  type SubjectPart,
  type SubjectTemplate,
} from './subject-template';
export {
  assertResourceName,
  assertSubjectToken,
  isSubjectToken,
  nodeNameToken,
  plainToken,
  subjectTokenProblem,
  type TokenCodec,
} from './subject-token';
// --- volume-info service ---
export {
  backupVolumesAnswerSchema,
  claimHistoryAnswerSchema,
  restoreVolumesAnswerSchema,
  volumeInfoObjectRefSchema,
  volumeInfoQueryReplySchema,
  volumeInfoQuerySchema,
  volumeInfoRecordSchema,
  volumeInfoSealReplySchema,
  volumeInfoSealSchema,
  volumeExposureSchema,
  VolumeKey,
  volumeInfoTargetSchema,
  volumeRecordRefSchema,
  volumeSummarySchema,
} from './volume-info-messages';
export {
  backupVolumeInputSchema,
  dataDownloadInputSchema,
  podVolumeRestoreInputSchema,
  restoredClaimInputSchema,
  volumeDocumentInputSchema,
} from './volume-info-inputs';
// --- end volume-info service ---
// --- NATS security ---
export {
  ferryConsumerOwners,
  ferryMessageUsage,
  FerryService,
  type ContractUsage,
  type FerryConsumerKey,
  type FerryMessageKey,
} from './contract-usage';
export { renderNatsAuthorization, type NatsPasswordSource, type NatsUser } from './nats-authorization-config';
export {
  natsContractsUsed,
  natsIdentities,
  natsInboxPrefix,
  natsPermissions,
  natsUserName,
  type NatsIdentity,
  type NatsPermissions,
} from './nats-permissions';
// --- end NATS security ---
