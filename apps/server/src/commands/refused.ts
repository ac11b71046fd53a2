import { AppError } from '@tracker/domain';

/** A command refused for what it was given (a file, an account, a folder): said, and exit 1. */
export const refused = (message: string) => new AppError('BAD_REQUEST', message);
