// The e2e suite asks for completions after `case ` in the switch.
export async function deleteImage(id: string): Promise<void> {
  const res = await fetch(`https://api2.saleslayer.com/dam/image/${id}`, { method: 'DELETE' });
  switch (res.status) {
    case 204:
      return;
    case 
    default:
      throw new Error(`delete failed: ${res.status}`);
  }
}
