import { NoRespondersError, RequestError as NatsRequestError, TimeoutError, type Msg } from '@nats-io/transport-node';
import {
  FerryHeader,
  type ContractParams,
  type MessageInput,
  type ReplyOf,
  type RequestContract,
  type SubjectParams,
} from '@ferry/contracts';
import { RemoteError, RequestError } from './errors';
import { assertFitsServer, decodeLimitOf, decodeMessage, outgoingMessage } from './message-envelope';
import { messageAttributes, withProducerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';

/** Options of {@link request}. */
export interface RequestOptions {
  /** How long to wait for the reply; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Gives up waiting when aborted (the responder may still act on the request). */
  readonly signal?: AbortSignal;
}

function requestFailure(subject: string, cause: unknown): RequestError {
  const inner = cause instanceof Error ? cause.cause : undefined;
  if (cause instanceof TimeoutError || inner instanceof TimeoutError) return new RequestError(subject, 'timeout', true, { cause });
  if (
    cause instanceof NoRespondersError ||
    inner instanceof NoRespondersError ||
    (cause instanceof NatsRequestError && cause.isNoResponders())
  ) {
    return new RequestError(subject, 'no-responders', true, { cause });
  }
  return new RequestError(subject, 'failed', true, { cause });
}

function abortable<T>(promise: Promise<T>, subject: string, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new RequestError(subject, 'aborted', false, { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new RequestError(subject, 'aborted', false, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function readReply<C extends RequestContract>(contract: C, subject: string, reply: Msg, maxDecodedBytes: number): ReplyOf<C> {
  const code = reply.headers?.has(FerryHeader.ErrorCode) ? reply.headers.get(FerryHeader.ErrorCode) : undefined;
  if (code !== undefined) {
    const message = reply.headers?.get(FerryHeader.ErrorMessage) ?? '';
    throw new RemoteError(subject, code, message, reply.headers?.get(FerryHeader.ErrorRetryable) === 'true');
  }
  return decodeMessage(contract, subject, reply, contract.replySchema, maxDecodedBytes) as ReplyOf<C>;
}

/**
 * Sends a request and waits for the one reply (blocking up to `timeoutMs`), inside a PRODUCER
 * span whose context travels in the headers. Returns the validated reply. Throws
 * {@link MessageEncodeError} (invalid request, nothing sent), {@link PayloadTooLargeError} (request
 * over the server's `max_payload` even compressed, nothing sent), {@link RequestError} (timeout or no
 * responder: retryable; aborted), {@link RemoteError} (the responder failed; its `retryable`
 * says whether to ask again) or {@link MessageDecodeError} (the reply violates the contract).
 */
export async function request<C extends RequestContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
  payload: MessageInput<C>,
  options: RequestOptions = {},
): Promise<ReplyOf<C>> {
  const subject = contract.subject.build(params);
  const message = outgoingMessage(contract, subject, payload);
  const { data, headers } = message;
  return withProducerSpan('request', contract, subject, headers, messageAttributes(contract, subject, data.length), async () => {
    assertFitsServer(client, message);
    let reply: Msg;
    try {
      reply = await abortable(
        client.connection.request(subject, data, { timeout: options.timeoutMs ?? 5000, headers }),
        subject,
        options.signal,
      );
    } catch (cause) {
      throw cause instanceof RequestError ? cause : requestFailure(subject, cause);
    }
    return readReply(contract, subject, reply, decodeLimitOf(client));
  });
}
