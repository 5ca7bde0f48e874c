// QR codes drawn on the server as SVG and inlined as a data: image, so a page needs no script and no outside request.
import QRCode from 'qrcode';

export async function qrImageSource(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
