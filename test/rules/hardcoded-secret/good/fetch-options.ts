// fetch's credentials mode is a policy keyword, not a credential.
export async function loadChart(id: string) {
  const res = await fetch(`/api/charts/${id}`, { credentials: 'same-origin' });
  const init: RequestInit = { credentials: 'include' };
  return [await res.json(), init];
}
