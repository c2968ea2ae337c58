/**
 * Calls `onChange` when the text of a search box changes, but not while an input method is still
 * composing (typing Japanese: けーむ → ゲーム): once when the composition ends instead of once per
 * keystroke of the reading.
 */
export function onTextInput(input: HTMLInputElement, onChange: () => void): void {
  input.addEventListener('input', (event) => {
    if ((event as InputEvent).isComposing) return;
    onChange();
  });
  input.addEventListener('compositionend', () => onChange());
}
