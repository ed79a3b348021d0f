export async function deleteImage(id: string): Promise<void> {
  const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });
  if (res.status === 404) {
    return;
  }
  if (!res.ok) {
    throw new Error(`Delete failed: ${res.status}`);
  }
}
