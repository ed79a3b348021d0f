/** The file name a URI ends in, decoded: `file:///w/openapi/inventory.yaml` → `inventory.yaml`. */
export function uriFileName(uri: string): string {
  const last = uri.split(/[?#]/)[0]!.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
