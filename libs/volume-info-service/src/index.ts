// Public entry of @ferry/volume-info-service: the volume-info service (HTTP API, NATS query and
// seal, the per-replica record follower) over the claim history index, and its parts.
export { VolumeInfoError, VolumeInfoErrorCode } from './errors';
export { problemOf, problemType, problemTypeBase, type ProblemDetails } from './problem-details';
export { VolumeInfoHttpPath, volumeInfoRouteAccess, volumeInfoRoutes } from './http-routes';
export {
  createVolumeDocumentReader,
  withLocationStore,
  type VolumeDocument,
  type VolumeDocumentReader,
  type VolumeDocumentReaderOptions,
} from './volume-document-reader';
export {
  createVolumeReportLoader,
  indexedPhases,
  type LoadOptions,
  type VolumeReportLoader,
  type VolumeReportLoaderOptions,
} from './volume-report-loader';
export { createVolumeIndexControllers, type VolumeIndexControllerOptions } from './volume-index-controllers';
export {
  createVolumeQueryAnswerer,
  type VolumeInfoAnswer,
  type VolumeInfoQuery,
  type VolumeQueryAnswerer,
  type VolumeQueryOptions,
} from './volume-query';
export {
  createVolumeReportSealer,
  type VolumeReportSealer,
  type VolumeReportSealerOptions,
  type VolumeSealReply,
  type VolumeSealRequest,
} from './volume-report-sealer';
export { serveVolumeInfoRequests, type VolumeInfoResponderOptions } from './volume-info-responders';
export { startVolumeRecordFollower, type VolumeRecordFollower, type VolumeRecordFollowerOptions } from './volume-record-follower';
export { startVolumeInfoService, type VolumeInfoService, type VolumeInfoServiceDependencies } from './volume-info-service';
