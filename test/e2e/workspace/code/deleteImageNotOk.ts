// Deletes a DAM image, treating every failure alike: the DAM's 409 (image being processed) is not retried.
export async function deleteImage(id: string): Promise<void> {
  const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`delete failed: ${res.status}`);
}
