import axios from 'axios';

export async function getImage(id: string): Promise<unknown> {
  const { data } = await axios.get(`https://images.example.com/v1/images/${id}`);
  return data;
}
