import { z } from 'zod';

/**
 * Payload of a smoke job: a JetStream message that exercises the whole path (publish, stream,
 * filtered durable consumer, ack/nak/term, trace context). Used by integration tests and health
 * probes; `note` lets a test tell its handler what to do.
 */
export const smokeJobSchema = z.object({
  id: z.string().min(1),
  sentAt: z.iso.datetime(),
  note: z.string().max(1024).optional(),
});

/** Payload of a smoke signal: a core-NATS message with a sequence number. */
export const smokeSignalSchema = z.object({
  id: z.string().min(1),
  seq: z.number().int().nonnegative(),
});

/** Request of a smoke ping: who asks. */
export const smokePingRequestSchema = z.object({
  id: z.string().min(1),
});

/** Reply of a smoke ping: the request id echoed and who answered. */
export const smokePingReplySchema = z.object({
  id: z.string().min(1),
  responder: z.string().min(1),
});
