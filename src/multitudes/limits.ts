/** How much of Multitudes' answers is read and kept, and how long a 2xx body may take. */

/** Bytes of a POST response kept for outputs and messages. */
export const BODY_LIMIT = 64 * 1024
/** Bytes of a GET page read: 100 deployments of many SHAs each are well over 64 KiB. */
export const GET_BODY_LIMIT = 16 * 1024 * 1024
/** Bytes of a POST answer read to parse it (field errors); BODY_LIMIT of them are kept. */
export const PARSE_LIMIT = 1024 * 1024
/** How long the body of a 2xx may take once its status line arrived. */
export const BODY_DEADLINE_MS = 5000
