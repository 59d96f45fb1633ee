// What people type, folded before it is judged (issue 19 item 16): full-width digits, letters
// and signs (０-９, Ａ-Ｚ, －, ．) and the ideographic space become their half-width forms, as the
// server's platform/text does. Shown back in the field, so the user sees what is sent.
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
