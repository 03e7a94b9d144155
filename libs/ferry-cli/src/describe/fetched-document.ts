// The outcome of fetching one document through a DownloadRequest, as Velero's describers tell
// them apart: the decoded value, a 404 (`downloadrequest.ErrNotFound`), or any other failure with
// its message. Pure.

/** A fetched document: `ok` with its value, `not-found` (HTTP 404), or `error` with the message. */
export type Fetched<T> =
  { readonly state: 'ok'; readonly value: T } | { readonly state: 'not-found' } | { readonly state: 'error'; readonly message: string };

/** `ok` of `value`. */
export const fetchedOk = <T>(value: T): Fetched<T> => ({ state: 'ok', value });
