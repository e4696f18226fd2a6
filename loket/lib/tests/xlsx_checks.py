"""What every XLSX table of Loket looks like, for the export tests of each app."""

import datetime

from openpyxl.utils import get_column_letter

from loket.lib.exports import DATE_FORMAT, DATETIME_FORMAT, MAX_WIDTH, MIN_WIDTH


def assert_table(sheet, header_row=1, columns=None, last_row=None):
    """The header bold and frozen, the filter over the whole table, columns fitted to
    their longest value (capped), dates real dates with a date format, no formula."""
    columns = columns or sheet.max_column
    last_row = last_row or sheet.max_row
    assert sheet.freeze_panes == f"A{header_row + 1}", sheet.title
    assert sheet.auto_filter.ref == f"A{header_row}:{get_column_letter(columns)}{last_row}"
    assert all(cell.font.b for cell in sheet[header_row][:columns] if cell.value is not None)
    for i in range(1, columns + 1):
        cells = [sheet.cell(row=r, column=i) for r in range(header_row, last_row + 1)]
        longest = max((_shown_length(c) for c in cells if c.value is not None), default=0)
        width = sheet.column_dimensions[get_column_letter(i)].width
        assert MIN_WIDTH <= width <= MAX_WIDTH, (sheet.title, i, width)
        assert width >= min(longest, MAX_WIDTH - 2), (sheet.title, i, width, longest)
    assert_cells(sheet)


def _shown_length(cell):
    if isinstance(cell.value, datetime.datetime):
        return len(cell.number_format)
    return max(len(line) for line in str(cell.value).splitlines() or [""])


def assert_cells(sheet):
    """Every date cell has a date format, every datetime one with the time; no cell is
    a formula, no text starts like one."""
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, datetime.datetime):
                # A workbook reads every date back as a datetime: a date has no time.
                formats = (DATETIME_FORMAT,)
                if cell.value.time() == datetime.time():
                    formats = (DATE_FORMAT, DATETIME_FORMAT)
                assert cell.number_format in formats, (cell.coordinate, cell.number_format)
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), cell.coordinate


def values(sheet, column, first_row):
    return [c.value for c in sheet[column][first_row - 1 :]]
