// One error type for every outbound provider (Twilio, email): `retryable` decides between backoff and a failed message.
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
