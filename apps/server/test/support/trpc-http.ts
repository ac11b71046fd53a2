/** Calls tRPC over plain HTTP, as any client would: queries by GET, mutations by POST with JSON. */
export interface Reply<T = unknown> {
  status: number;
  data: T;
  error: { message: string; data?: { code?: string } } | null;
  setCookie: string | null;
}

export function sessionCookieOf(reply: Reply): string | null {
  const match = /tracker_session=([^;]*)/.exec(reply.setCookie ?? '');
  return match?.[1] ? `tracker_session=${match[1]}` : null;
}

export async function query<T = unknown>(base: string, path: string, input?: unknown, cookie?: string | null): Promise<Reply<T>> {
  const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${base}/trpc/${path}${qs}`, { headers: cookie ? { cookie } : {} });
  return toReply<T>(res);
}

export async function mutate<T = unknown>(
  base: string,
  path: string,
  input?: unknown,
  cookie?: string | null,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(input ?? {}),
  });
  return toReply<T>(res);
}

async function toReply<T>(res: Response): Promise<Reply<T>> {
  const body = (await res.json()) as { result?: { data: T }; error?: Reply['error'] };
  return { status: res.status, data: body.result?.data as T, error: body.error ?? null, setCookie: res.headers.get('set-cookie') };
}
