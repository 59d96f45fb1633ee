// What people type with a Japanese input method, folded before it is checked or sent: full-width
// ASCII (０-９, Ａ-Ｚ, －, ／ …) and the ideographic space become their half-width forms.
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
