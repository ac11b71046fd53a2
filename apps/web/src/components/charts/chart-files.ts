import { safeCell } from '@tracker/domain/csv-cell';
import { stringify } from 'csv-stringify/browser/esm/sync';

/** A file name from a chart's title: letters and digits of any script, joined by hyphens. */
export const fileNameOf = (title: string) => title.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart as a standalone SVG document, its title written above it. */
export function svgOf(svg: SVGSVGElement, title: string): string {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const top = 28;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height + top)));
  copy.setAttribute('viewBox', `0 ${-top} ${Math.round(width)} ${Math.round(height + top)}`);
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily);
  const heading = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  heading.setAttribute('x', '8');
  heading.setAttribute('y', String(-top + 18));
  heading.setAttribute('font-size', '14');
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  for (const [name, value] of [['x', '0'], ['y', String(-top)], ['width', '100%'], ['height', '100%'], ['fill', '#ffffff']] as const) background.setAttribute(name, value);
  copy.prepend(background, heading);
  return new XMLSerializer().serializeToString(copy);
}

/** The same picture as a PNG at twice the screen's resolution. */
export async function pngOf(svgText: string): Promise<Blob> {
  const image = new Image();
  // A data: address, which the page's content security policy allows for images (blob: it does not).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the picture.');
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('This browser cannot draw the picture.'))), 'image/png'));
}

/** A table's rows as CSV (header first), formula-safe, with a byte-order mark so spreadsheets read it as UTF-8. */
export function csvOf(table: HTMLTableElement): string {
  const rows = [...table.querySelectorAll('tr')].map((row) => [...row.children].map((cell) => safeCell(cell.textContent.trim())));
  return stringify(rows, { bom: true });
}
