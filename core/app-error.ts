/** The one error shape used by the API, the contract and the UI: a stable code plus a human message. */
export interface AppErrorShape {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** An error a service throws on purpose; its code reaches the caller unchanged. */
export class AppError extends Error implements AppErrorShape {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The plain, serialisable form sent over IPC and HTTP. */
  toShape(): AppErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for anything that carries the error shape (an AppError or one that crossed a boundary). */
export function isAppErrorShape(value: unknown): value is AppErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
