// The upload form's progress: sends the form by XMLHttpRequest to show how much is uploaded; without JavaScript the form posts as usual.

function bind(form: HTMLFormElement): void {
  const progress = form.querySelector<HTMLProgressElement>('progress');
  const status = form.querySelector<HTMLElement>('.upload-status');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  if (!progress || !status || !button || !input) return;
  const say = (text: string | undefined) => {
    status.textContent = text ?? '';
  };

  form.addEventListener('submit', (event) => {
    if (!input.files?.length) return;
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    const token = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value;
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      progress.value = percent;
      say(form.dataset.progress?.replace('{percent}', String(percent)));
    });
    xhr.upload.addEventListener('load', () => say(form.dataset.reading));
    xhr.addEventListener('load', () => {
      // Success ends on the preview page (the server redirects); a refusal is the dataset page with the reason.
      if (xhr.status < 400 && xhr.responseURL) {
        location.assign(xhr.responseURL);
        return;
      }
      const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
      const next = page.querySelector('main');
      const main = document.querySelector('main');
      if (!next || !main) {
        say(form.dataset.failed);
        return;
      }
      main.replaceWith(document.adoptNode(next));
      const again = document.querySelector<HTMLFormElement>('form[data-upload]');
      if (again) bind(again);
      document.querySelector<HTMLElement>('#problem')?.focus();
    });
    xhr.addEventListener('error', () => {
      say(form.dataset.failed);
      progress.hidden = true;
      button.disabled = false;
    });
    progress.hidden = false;
    progress.value = 0;
    button.disabled = true;
    say(form.dataset.uploading);
    xhr.send(new FormData(form));
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-upload]');
if (form) bind(form);
