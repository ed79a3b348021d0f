export async function removeImage(id: string): Promise<void> {
  const res = await fetch(`https://images.example.com/v1/images/${id}`, { method: 'DELETE' });
  if (res.status === 404) {
    return;
  }
  if (!res.ok) {
    throw new Error(`Delete failed: ${res.status}`);
  }
}
