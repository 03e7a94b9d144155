export {
  ConsumeError,
  MessageDecodeError,
  MessageEncodeError,
  NatsAdapterError,
  NatsConnectError,
  NatsCredentialsError,
  NatsErrorCode,
  PayloadTooLargeError,
  PublishError,
  RemoteError,
  RequestError,
  TopologyError,
  type MessageSize,
  type PayloadIssue,
} from './errors';
export {
  compressAboveBytes,
  contractLabel,
  decodePayload,
  defaultMaxPayloadBytes,
  encodePayload,
  maxDecodedBytesFor,
  maxExpansionOfMaxPayload,
  type EncodedPayload,
  type EncodeOptions,
} from './message-codec';
export { contractHeaders, decodeLimitOf, decodeMessage, type ReceivedMessage } from './message-envelope';
export { publish, publishToStream, type PublishReceipt, type StreamPublishOptions } from './message-publisher';
export { MessagingAttribute, tracerName } from './message-tracing';
export { nextConnectionState, type NatsConnectionState } from './connection-state';
export { connectNats, type NatsClient, type NatsConnectOptions } from './nats-client';
export { request, type RequestOptions } from './request-client';
export { serveRequests, type ReceivedRequest, type ServeOptions } from './request-responder';
export { defaultRetryDelayMs, settleFailure, type FailedDelivery, type Settlement } from './settlement-policy';
export { subscribe, type ReceivedSignal, type SubscribeOptions } from './signal-subscriber';
export {
  lastStoredMessage,
  readStoredMessages,
  type ReadStoredOptions,
  type StoredMessage,
  type StoredRead,
} from './stored-message-reader';
export { consume, streamRoute, type ConsumerHandle } from './stream-consumer';
export type { ConsumeOptions, StreamDelivery, StreamDeliveryHandler, StreamRoute } from './stream-consumer-types';
export type { SubscriptionHandle } from './subscription-handle';
export { ensureConsumer, ensureStream, ensureStreams } from './topology-setup';
export { consumerConfig, consumerUpdateConfig, streamConfig, streamUpdateConfig } from './topology-config';
// --- metrics ---
export { createDeliveryCounter, type DeliveryCounter } from './consumer-metrics';
// --- NATS security ---
export { parseNatsCredentials, readNatsCredentialsFile, type NatsCredentials, type NatsTlsFiles } from './nats-credentials';
