// A Sales Layer DAM client as it is often first written.
const DAM_BASE = 'https://api2.saleslayer.com/dam';

/** Deletes an image. Every failure is treated alike, so the DAM's 409 (still processing) is never retried. */
export async function deleteImage(id: string, apiKey: string): Promise<void> {
  const res = await fetch(`${DAM_BASE}/image/${id}`, { method: 'DELETE', headers: { 'X-API-KEY': apiKey } });
  if (!res.ok) throw new Error(`delete failed: ${res.status}`);
}

/** Lists images, handling what GET /image documents. */
export async function listImages(apiKey: string): Promise<unknown> {
  const res = await fetch(`${DAM_BASE}/image`, { headers: { 'X-API-KEY': apiKey } });
  if (res.status === 401) throw new Error('The DAM rejected the API key: check X-API-KEY.');
  if (!res.ok) throw new Error(`listing failed: ${res.status} ${await res.text()}`);
  return res.json();
}
