/** An RFC 9457 problem details object (`application/problem+json`). */
export interface ProblemDetails {
  /** URI reference identifying the problem type; `about:blank` when absent. */
  type?: string;
  /** Short summary of the problem type. */
  title?: string;
  /** The HTTP status the origin server generated for this occurrence. */
  status?: number;
  /** Explanation specific to this occurrence. */
  detail?: string;
  /** URI reference identifying this occurrence. */
  instance?: string;
  /** Extension members. */
  [extension: string]: unknown;
}

/** Whether `value` has the shape of problem details: an object whose standard members have their types. */
export function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { type, title, status, detail, instance } = value as Record<string, unknown>;
  return (
    (type === undefined || typeof type === 'string') &&
    (title === undefined || typeof title === 'string') &&
    (status === undefined ||
      (Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) &&
    (detail === undefined || typeof detail === 'string') &&
    (instance === undefined || typeof instance === 'string') &&
    [type, title, status, detail].some((member) => member !== undefined)
  );
}

/**
 * The problem details of a failed response, or undefined when its body is not problem details.
 * Reads the body: call it once, on a response whose body is not consumed yet.
 */
export async function readProblemDetails(response: Response): Promise<ProblemDetails | undefined> {
  const contentType = (response.headers.get('Content-Type') ?? '').toLowerCase();
  // Some APIs send problem documents as plain application/json.
  if (
    !contentType.includes('application/problem+json') &&
    !contentType.includes('application/json')
  ) {
    return undefined;
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return undefined;
  }
  if (!isProblemDetails(body)) return undefined;
  return { ...body, type: body.type ?? 'about:blank', status: body.status ?? response.status };
}
