export async function loadImage(id: string): Promise<Blob | undefined> {
  const res = await fetch(`https://api.example.com/images/${id}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET /images/${id} failed with ${res.status}`);
  return res.blob();
}
