/**
 * RFC 4180 CSV with a byte-order mark (so that Excel reads the Chinese as UTF-8) and CRLF line ends. A cell that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe; numbers are left as they are.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (value: string | number) => {
    if (typeof value === "number") return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
