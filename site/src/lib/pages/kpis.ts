/** Writes a headline figure (`<dd data-kpi="<id>">`), with the exact number as its tooltip. */
export function setKpi(id: string, text: string, exactText: string, exact: number) {
  const dd = document.querySelector<HTMLElement>(`[data-kpi="${id}"]`);
  if (!dd) return;
  dd.textContent = text;
  dd.title = exactText;
  dd.dataset.value = String(exact);
}
