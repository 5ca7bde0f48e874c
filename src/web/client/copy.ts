// Copy buttons: shown only where the Clipboard API works; without it (or without JavaScript) the text stays selectable.

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy ?? '') as HTMLInputElement | null;
  const status = document.getElementById(button.dataset.copyStatus ?? '');
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(source.value).then(
      () => {
        button.textContent = button.dataset.copied ?? '';
        if (status) status.textContent = button.dataset.copied ?? '';
      },
      () => {
        // Refused (no permission): select the text, so Ctrl+C still does it.
        source.select();
        if (status) status.textContent = button.dataset.copyFailed ?? '';
      },
    );
  });
}
