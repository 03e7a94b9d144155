// Public entry of @ferry/volume-record-publisher: what the controller, the exposer and the movers
// use to store the volume-info records of what they learn about a run's volumes.
export { VolumeRecordError, VolumeRecordErrorCode } from './errors';
export {
  buildVolumeRecord,
  createVolumeRecordPublisher,
  type BuiltVolumeRecord,
  type VolumeRecordItem,
  type VolumeRecordPublisher,
  type VolumeRecordPublisherOptions,
  type VolumeRecordSource,
  type VolumeRecordTarget,
} from './volume-record-publisher';
