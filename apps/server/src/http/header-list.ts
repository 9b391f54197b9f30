import type { OutgoingHttpHeader } from "node:http";

export type HeaderRecord = Readonly<Record<string, OutgoingHttpHeader>>;

/**
 * The headers of one `writeHead` as Node's flat name/value list, from records merged as object spreads would
 * merge them: a name in a later record replaces the same name in an earlier one. Node writes such a list as it
 * is; merging the records into a new object with spreads took V8's slow paths on every answer, several µs each
 * (docs/decisions/029-lean-response-path.md).
 */
export function headerList(records: readonly (HeaderRecord | undefined)[]): OutgoingHttpHeader[] {
  const list: OutgoingHttpHeader[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record === undefined) continue;
    names: for (const name in record) {
      if (!Object.hasOwn(record, name)) continue;
      for (let j = i + 1; j < records.length; j++) {
        const later = records[j];
        if (later !== undefined && Object.hasOwn(later, name)) continue names;
      }
      list.push(name, record[name] as OutgoingHttpHeader);
    }
  }
  return list;
}
