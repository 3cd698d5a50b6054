// Limits and types for files on messages, shared by the worker (which enforces them) and the panel and widget (which
// say so before uploading).

/** One file, on any channel. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** All files of one message together (email's own limit is 25 MB for the whole message, encoding included). */
export const MAX_MESSAGE_FILE_BYTES = 20 * 1024 * 1024;
/** Files on one message. */
export const MAX_MESSAGE_FILES = 10;
/** Twilio accepts at most 5 MB of media per MMS. */
export const MAX_MMS_BYTES = 5 * 1024 * 1024;

/** Images a browser may show inline from our origin (SVG can carry script: it is always a download). */
export const SAFE_INLINE_IMAGES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export const isSafeInlineImage = (type: string) => (SAFE_INLINE_IMAGES as readonly string[]).includes(type.toLowerCase());

/** What a web-chat visitor may attach: photos (the "it arrived damaged" case). */
export const WIDGET_UPLOAD_TYPES = SAFE_INLINE_IMAGES;

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
