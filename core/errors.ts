// One small error for everything that becomes an HTTP answer: status, message, and the
// query parameter at fault when there is one.
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly parameter: string | null = null) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, parameter: string | null = null) => new HttpError(400, message, parameter);
export const notFound = (message: string, parameter: string | null = null) => new HttpError(404, message, parameter);
