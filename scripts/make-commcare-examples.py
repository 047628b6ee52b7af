#!/usr/bin/env python3
"""Makes examples/commcare/: the cases of examples/cases.json (one Case API v2 page) in every form in
which CommCare HQ hands out case data, following ../shared/reference/commcare-data-formats.md exactly:

  api-v2-page-1.json, api-v2-page-2.json  Case API v2 pages (`next` absent on the last page)
  api-v0.5.json                           Case API v0.5 page (meta + objects, keys sorted, fields in properties)
  case-export.xlsx                        "Export Case Data", HQ's default format: sheet Cases, `---` for
                                          missing properties, boolean and date cells
  case-export.zip                         the CSV download: a zip of <export name>/Cases.csv, UTF-8 BOM,
                                          CRLF, Python's csv.excel dialect
  det-export.zip                          the Data Export Tool's CSV output: a zip of Cases.csv, no BOM,
                                          empty for missing values
  cases.jsonl.gz                          JSON lines, gzip-compressed

Only the standard library is used, so the bytes are what Python's csv, zipfile and gzip write (as HQ's
do). Run from anywhere: python3 scripts/make-commcare-examples.py

With --cases FILE.jsonl --out DIR it writes HQ's two export downloads (case-export.xlsx and case-export.zip)
of any number of cases (from `contactrules generate N --format jsonl`) into DIR, streaming: the benchmark of
scripts/benchmark-xlsx.sh uses it for a million cases.
"""
import argparse
import csv
import gzip
import io
import json
import os
import zipfile
from datetime import datetime, timezone
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "examples", "commcare")
DOMAIN = "demo-project"
MISSING = "---"  # corehq/apps/export/const.py MISSING_VALUE
# A fixed time: zip members carry a date, and the files should not change from one run to the next.
ZIP_TIME = (2024, 3, 1, 0, 0, 0)


def load_cases():
    with open(os.path.join(ROOT, "examples", "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    for case in cases:
        # API v2 properties are all strings (corehq/apps/hqcase/api/core.py).
        case["properties"] = {k: v if isinstance(v, str) else json.dumps(v) for k, v in case["properties"].items()}
        case.setdefault("external_id", None)
        case.setdefault("date_closed", "2024-02-01T00:00:00.000000Z" if case["closed"] else None)
        case.setdefault("indices", {})
    return cases


def property_names(cases):
    names = []
    for case in cases:
        for name in case["properties"]:
            if name not in names:
                names.append(name)
    return names


def export_date(api_date):
    """`transform_dates`: YYYY-MM-DD HH:MM:SS, UTC."""
    if api_date is None:
        return None
    return datetime.strptime(api_date, "%Y-%m-%dT%H:%M:%S.%fZ").strftime("%Y-%m-%d %H:%M:%S")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def v2_case(case):
    keys = ["domain", "case_id", "case_type", "case_name", "external_id", "owner_id", "date_opened", "last_modified",
            "server_last_modified", "indexed_on", "closed", "date_closed", "properties", "indices"]
    full = dict(case, domain=DOMAIN, indexed_on=case["server_last_modified"])
    return {k: full[k] for k in keys}


def api_v2(cases):
    half = (len(cases) + 1) // 2
    pages = [cases[:half], cases[half:]]
    for number, page in enumerate(pages, start=1):
        body = {"matching_records": len(cases), "cases": [v2_case(c) for c in page]}
        if number < len(pages):
            body["next"] = f"https://www.commcarehq.org/a/{DOMAIN}/api/case/v2/?cursor=eyJpbmRleGVkX29uIjogIjIwMjQifQ%3D%3D&limit={half}"
        write(f"api-v2-page-{number}.json", (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def api_v05(cases):
    objects = []
    for case in cases:
        properties = dict(case["properties"], case_name=case["case_name"], case_type=case["case_type"],
                          date_opened=case["date_opened"], external_id=case["external_id"], owner_id=case["owner_id"])
        objects.append({
            "case_id": case["case_id"], "closed": case["closed"], "closed_by": None, "date_closed": case["date_closed"],
            "date_modified": case["last_modified"], "domain": DOMAIN, "id": case["case_id"], "indexed_on": case["server_last_modified"],
            "indices": {}, "opened_by": "u-" + case["owner_id"][:4], "properties": properties,
            "resource_uri": f"/a/{DOMAIN}/api/v0.5/case/{case['case_id']}/", "server_date_modified": case["server_last_modified"],
            "server_date_opened": case["date_opened"], "user_id": "u-" + case["owner_id"][:4], "xform_ids": ["f-" + case["case_id"]],
        })
    body = {"meta": {"limit": 20, "next": None, "offset": 0, "previous": None, "total_count": len(cases)}, "objects": objects}
    write("api-v0.5.json", (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def export_header(names):
    """HQ's case table: TOP_MAIN_CASE_TABLE_PROPERTIES, the properties, BOTTOM_MAIN_CASE_TABLE_PROPERTIES, then
    the optional extras a user may tick (case_type, owner_id, external_id, server_last_modified_date)."""
    return (["number", "caseid", "name"] + names
            + ["closed", "closed_by_username", "closed_date", "last_modified_by_user_username", "last_modified_date",
               "opened_by_username", "opened_date", "owner_name", "case_link",
               "case_type", "owner_id", "external_id", "server_last_modified_date"])


def export_row(number, case, names):
    user = "chw." + case["owner_id"][:4]
    row = [number, case["case_id"], case["case_name"]]
    row += [case["properties"].get(name, MISSING) for name in names]
    row += [case["closed"], user if case["closed"] else MISSING, export_date(case.get("date_closed")) or MISSING, user,
            export_date(case["last_modified"]), user, export_date(case["date_opened"]), user,
            f"https://www.commcarehq.org/a/{DOMAIN}/reports/case_data/{case['case_id']}/",
            case["case_type"], case["owner_id"], case.get("external_id") or MISSING, export_date(case["server_last_modified"])]
    return row


def export_rows(cases):
    names = property_names(cases)
    return [export_header(names)] + [export_row(number, case, names) for number, case in enumerate(cases)]


def csv_cells(row):
    """Booleans as HQ's CSV writes them."""
    return ["True" if v is True else "False" if v is False else v for v in row]


def csv_text(rows, bom):
    text = io.StringIO(newline="")
    writer = csv.writer(text, dialect="excel")
    for row in rows:
        writer.writerow(csv_cells(row))
    return (("\ufeff" if bom else "") + text.getvalue()).encode("utf-8")


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_rows(rows, date_columns, strings, index):
    """The sheet's XML, one row at a time; every text goes to the shared strings, as openpyxl writes them."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    for r, row in enumerate(rows, start=1):
        cells = [f'<row r="{r}">']
        for c, value in enumerate(row):
            ref = f"{column_name(c)}{r}"
            if isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif r > 1 and c in date_columns and value not in (None, MISSING):
                moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
                serial = (moment - datetime(1899, 12, 30, tzinfo=timezone.utc)).total_seconds() / 86400
                cells.append(f'<c r="{ref}" s="1"><v>{serial!r}</v></c>')
            else:
                text = "" if value is None else str(value)
                if text not in index:
                    index[text] = len(strings)
                    strings.append(text)
                cells.append(f'<c r="{ref}" t="s"><v>{index[text]}</v></c>')
        cells.append("</row>")
        yield "".join(cells)
    yield "</sheetData></worksheet>"


def shared_strings(strings):
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
           f' count="{len(strings)}" uniqueCount="{len(strings)}">')
    for s in strings:
        yield f'<si><t xml:space="preserve">{escape(s)}</t></si>'
    yield "</sst>"


def workbook_parts():
    ns = "http://schemas.openxmlformats.org"
    return [
        ("[Content_Types].xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="{ns}/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{ns}/spreadsheetml/2006/main" '
         f'xmlns:r="{ns}/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Cases" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
         f'<Relationship Id="rId3" Type="{ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
        ("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{ns}/spreadsheetml/2006/main">'
         '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
         '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
         '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
         '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>'),
    ]


def write_xlsx(archive, rows, date_columns):
    """A workbook as HQ's couchexport writes it: shared strings, booleans as boolean cells, dates as date cells.
    The sheet streams into the archive row by row, so a million rows never sit in memory as XML."""
    for name, text in workbook_parts():
        archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    strings, index = [], {}
    sheet_info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", ZIP_TIME)
    sheet_info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(sheet_info, "w") as sheet:
        for piece in sheet_rows(rows, date_columns, strings, index):
            sheet.write(piece.encode("utf-8"))
    strings_info = zipfile.ZipInfo("xl/sharedStrings.xml", ZIP_TIME)
    strings_info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(strings_info, "w") as shared:
        for piece in shared_strings(strings):
            shared.write(piece.encode("utf-8"))


def xlsx(rows, date_columns):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write_xlsx(archive, rows, date_columns)
    return buffer.getvalue()


def det_rows(cases):
    """commcare-export with the configuration HQ generates (corehq/apps/export/det/case_schema.py)."""
    names = property_names(cases)
    header = ["id", "properties.case_type", "properties.owner_id", "properties.case_name", "properties.date_opened",
              "server_opened_on", "opened_by", "closed", "date_closed", "date_modified", "server_date_modified",
              "indices.parent.case_id", "indices.parent.case_type"] + names
    rows = [header]
    for case in cases:
        rows.append([case["case_id"], case["case_type"], case["owner_id"], case["case_name"], export_date(case["date_opened"]),
                     export_date(case["date_opened"]), "u-" + case["owner_id"][:4], case["closed"], export_date(case["date_closed"]) or "",
                     export_date(case["last_modified"]), export_date(case["server_last_modified"]), "", ""]
                    + [case["properties"].get(name, "") for name in names])
    return rows


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                case = json.loads(line)
                case["properties"] = {k: v if isinstance(v, str) else json.dumps(v) for k, v in case["properties"].items()}
                yield case


def large_exports(path, out):
    """HQ's xlsx and zipped CSV downloads of the cases in a JSON lines file, written without holding them all."""
    names = []
    for case in read_jsonl(path):
        names.extend(name for name in case["properties"] if name not in names)
    header = export_header(names)
    dates = {i for i, name in enumerate(header) if name.endswith("_date")}

    def rows():
        yield header
        for number, case in enumerate(read_jsonl(path)):
            yield export_row(number, case, names)

    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out, "case-export.xlsx"), "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        write_xlsx(archive, rows(), dates)
    with zipfile.ZipFile(os.path.join(out, "case-export.zip"), "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        info = zipfile.ZipInfo("Cases/Cases.csv", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member, \
                io.TextIOWrapper(member, encoding="utf-8", newline="") as text:
            text.write("\ufeff")
            writer = csv.writer(text, dialect="excel")
            for row in rows():
                writer.writerow(csv_cells(row))


def main():
    parser = argparse.ArgumentParser(description="Writes examples/commcare/, or HQ's exports of a JSON lines file.")
    parser.add_argument("--cases", help="a JSON lines file of cases: write its xlsx and zipped CSV exports")
    parser.add_argument("--out", help="the directory for --cases")
    arguments = parser.parse_args()
    if arguments.cases:
        large_exports(arguments.cases, arguments.out or ".")
        return
    os.makedirs(OUT, exist_ok=True)
    cases = load_cases()
    api_v2(cases)
    api_v05(cases)
    rows = export_rows(cases)
    dates = {i for i, name in enumerate(rows[0]) if name.endswith("_date")}
    write("case-export.xlsx", xlsx(rows, dates))
    write("case-export.zip", zipped([("Mother and Child Cases/Cases.csv", csv_text(rows, bom=True))]))
    write("det-export.zip", zipped([("Cases.csv", csv_text(det_rows(cases), bom=False))]))
    lines = "".join(json.dumps(v2_case(c), ensure_ascii=False) + "\n" for c in cases).encode("utf-8")
    write("cases.jsonl.gz", gzip.compress(lines, mtime=0))


if __name__ == "__main__":
    main()
