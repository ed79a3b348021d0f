// A client of the inventory service described by openapi/inventory.yaml.
export async function reserveItem(sku: string): Promise<void> {
  const res = await fetch(`https://inventory.example.com/v2/items/${sku}/reservation`, { method: 'PUT' });
  switch (res.status) {
    case 200:
      return;
    case 404:
      throw new Error(`No item ${sku}`);
    default:
      throw new Error(`reservation failed: ${res.status}`);
  }
}
