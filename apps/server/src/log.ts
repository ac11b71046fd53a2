/** One-line structured logs on stdout/stderr; errors keep their stack. */
function line(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields
    ? Object.entries(fields)
        .map(([k, v]) => `${k}=${v instanceof Error ? (v.stack ?? v.message) : JSON.stringify(v)}`)
        .join(' ')
    : '';
  return `${new Date().toISOString()} ${level} ${message}${extra ? ` ${extra}` : ''}`;
}

export const log = {
  info: (message: string, fields?: Record<string, unknown>) => console.log(line('info', message, fields)),
  warn: (message: string, fields?: Record<string, unknown>) => console.warn(line('warn', message, fields)),
  error: (message: string, fields?: Record<string, unknown>) => console.error(line('error', message, fields)),
};
