import type { FormState } from '../lib/form-state';
import { byId } from './dom';

/** Larger files make a request body past the gateway's default limit once base64-encoded. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

type ImagePatch = Partial<Pick<FormState, 'imageSource' | 'imageDataUri' | 'imageUrl'>>;

export type ImageInput = {
  /** Shows the section for image-to-video and the row for the chosen source. */
  render(form: FormState): void;
};

/** Upload (read into a data URI, as `input_reference` carries it in JSON) or URL, with a preview of either. */
export function createImageInput(onChange: (patch: ImagePatch) => void): ImageInput {
  const section = byId('image-input', HTMLElement);
  const sourceUpload = byId('image-source-upload', HTMLInputElement);
  const sourceUrl = byId('image-source-url', HTMLInputElement);
  const uploadRow = byId('image-upload-row', HTMLElement);
  const urlRow = byId('image-url-row', HTMLElement);
  const fileInput = byId('image-file', HTMLInputElement);
  const urlInput = byId('image-url', HTMLInputElement);
  const preview = byId('image-preview', HTMLElement);
  const previewImage = byId('image-preview-img', HTMLImageElement);
  const caption = byId('image-preview-caption', HTMLElement);
  const error = byId('image-error', HTMLElement);

  sourceUpload.addEventListener('change', () => onChange({ imageSource: 'upload' }));
  sourceUrl.addEventListener('change', () => onChange({ imageSource: 'url' }));
  urlInput.addEventListener('input', () => onChange({ imageUrl: urlInput.value }));
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    error.textContent = '';
    if (!file) {
      onChange({ imageDataUri: '' });
      return;
    }
    if (!ACCEPTED_TYPES.includes(file.type)) {
      error.textContent = `${file.name} is ${file.type || 'of an unknown type'}; choose a PNG, JPEG or WebP image.`;
      fileInput.value = '';
      onChange({ imageDataUri: '' });
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      error.textContent = `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; the limit here is 15 MiB. Use a URL for larger images.`;
      fileInput.value = '';
      onChange({ imageDataUri: '' });
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      caption.textContent = `${file.name}, ${Math.max(1, Math.round(file.size / 1024))} KiB`;
      onChange({ imageDataUri: typeof reader.result === 'string' ? reader.result : '' });
    });
    reader.addEventListener('error', () => {
      error.textContent = `Could not read ${file.name}.`;
    });
    reader.readAsDataURL(file);
  });
  previewImage.addEventListener('error', () => {
    if (previewImage.getAttribute('src'))
      caption.textContent = 'The browser cannot show this image; the gateway will still try to fetch it.';
  });

  return {
    render(form) {
      section.hidden = form.mode !== 'image-to-video';
      sourceUpload.checked = form.imageSource === 'upload';
      sourceUrl.checked = form.imageSource === 'url';
      uploadRow.hidden = form.imageSource !== 'upload';
      urlRow.hidden = form.imageSource !== 'url';
      const url = form.imageSource === 'upload' ? form.imageDataUri : safePreviewUrl(form.imageUrl);
      preview.hidden = url === '';
      if (url === '') {
        previewImage.removeAttribute('src');
      } else if (previewImage.getAttribute('src') !== url) {
        previewImage.src = url;
        if (form.imageSource === 'url') caption.textContent = url;
      }
    },
  };
}

/** Only http(s) URLs are previewed: a `javascript:` or `file:` value never reaches an `src`. */
export function safePreviewUrl(text: string): string {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}
