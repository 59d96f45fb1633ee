// Tables that become cards on narrow screens (issue 19 item 27): give the table the class
// `cards` and each data cell its column's name with `{...cardCell(name)}`; styles.css lays each
// row out as a card of "name  value" lines under 40rem, and leaves the table as it is wider.
// The header row stays in the table for screen readers; a row header (th scope="row") heads
// its card.
export const cardCell = (label: string) => ({ 'data-label': label });
