package vn.dvk.kit.sheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.dvk.kit.problem.FieldProblem;
import vn.dvk.kit.problem.InvalidInputException;
import vn.dvk.kit.text.UnsafeText;

/** Reading rows from .xlsx and CSV files, and writing .xlsx files: cells as text, dates as yyyy-MM-dd. */
public final class Sheets {

    public static final org.springframework.http.MediaType XLSX = org.springframework.http.MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Sheets() {
    }

    /**
     * The rows of an uploaded .xlsx or UTF-8 CSV file, told apart by its name; anything else, or a file that cannot
     * be read, is refused with a problem detail ({@code import-file-type}, {@code import-file-unreadable}).
     */
    public static List<List<String>> read(org.springframework.web.multipart.MultipartFile file) throws IOException {
        String name = file.getOriginalFilename() == null ? ""
                : file.getOriginalFilename().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".xlsx") && !name.endsWith(".csv")) {
            throw vn.dvk.kit.problem.DomainException.unprocessable("import-file-type", file.getOriginalFilename());
        }
        try (InputStream in = file.getInputStream()) {
            List<List<String>> rows = name.endsWith(".csv") ? readCsv(in) : readXlsx(in);
            refuseUnsafeText(rows);
            return rows;
        } catch (UnreadableFile e) {
            throw vn.dvk.kit.problem.DomainException.unprocessable("import-file-unreadable",
                    file.getOriginalFilename());
        }
    }

    /**
     * A sheet's cells meet the same rule as every request's text ({@link UnsafeText}): a cell with a control or
     * direction-override character refuses the file (400 {@code validation}), naming the cells as "row 3, column B"
     * so that the person can fix them and import again.
     */
    static void refuseUnsafeText(List<List<String>> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < rows.size() && problems.size() < 20; r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size() && problems.size() < 20; c++) {
                UnsafeText.Reason reason = row.get(c) == null ? null : UnsafeText.check(row.get(c), true);
                if (reason != null) {
                    problems.add(new FieldProblem("row " + (r + 1) + ", column " + column(c), reason.code(),
                            null));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** A spreadsheet's column letters: 0 is A, 26 is AA. */
    static String column(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index; i >= 0; i = i / 26 - 1) {
            letters.insert(0, (char) ('A' + i % 26));
        }
        return letters.toString();
    }

    /** The first sheet's rows (header included), each as its cells' text; blank rows dropped. */
    public static List<List<String>> readXlsx(InputStream in) {
        try (Workbook workbook = new XSSFWorkbook(in)) {
            return rows(workbook.getSheetAt(0));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile(e);
        }
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < row.getLastCellNum(); c++) {
                cells.add(text(row.getCell(c)));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** RFC 4180 CSV in UTF-8 (a byte-order mark is skipped): quoted fields may hold commas, quotes and newlines. */
    public static List<List<String>> readCsv(InputStream in) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * One sheet of a workbook: optional title lines above a bold, frozen header row, then the rows (numbers, dates
     * and text keep their type).
     */
    public record Table(String name, List<String> title, List<String> header, Iterable<List<Object>> rows) {
    }

    /** An .xlsx with a bold, frozen header row; rows are streamed, so large exports stay small in memory. */
    public static byte[] writeXlsx(String sheetName, List<String> header, Iterable<List<Object>> rows,
            List<List<String>> notes) {
        return writeXlsx(List.of(new Table(sheetName, List.of(), header, rows)), notes);
    }

    /** An .xlsx of several tables, one sheet each, and optionally a last sheet of notes (label, text). */
    public static byte[] writeXlsx(List<Table> tables, List<List<String>> notes) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
            for (Table table : tables) {
                Sheet sheet = workbook.createSheet(table.name());
                int r = 0;
                for (String line : table.title()) {
                    Cell cell = sheet.createRow(r++).createCell(0);
                    cell.setCellValue(line);
                    cell.setCellStyle(bold);
                }
                sheet.createFreezePane(0, r + 1);
                Row head = sheet.createRow(r++);
                for (int c = 0; c < table.header().size(); c++) {
                    Cell cell = head.createCell(c);
                    cell.setCellValue(table.header().get(c));
                    cell.setCellStyle(bold);
                    sheet.setColumnWidth(c, Math.min(60, Math.max(12, table.header().get(c).length() + 4)) * 256);
                }
                for (List<Object> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object value = values.get(c);
                        Cell cell = row.createCell(c);
                        if (value instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (value instanceof LocalDate d) {
                            cell.setCellValue(d);
                            cell.setCellStyle(date);
                        } else if (value != null) {
                            cell.setCellValue(value.toString());
                        }
                    }
                }
            }
            if (notes != null && !notes.isEmpty()) {
                Sheet help = workbook.createSheet("Hướng dẫn");
                int n = 0;
                for (List<String> line : notes) {
                    Row row = help.createRow(n++);
                    for (int c = 0; c < line.size(); c++) {
                        row.createCell(c).setCellValue(line.get(c));
                    }
                }
                help.setColumnWidth(0, 30 * 256);
                help.setColumnWidth(1, 90 * 256);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook as a download named {@code fileName} (Vietnamese names kept, RFC 6266). */
    public static org.springframework.http.ResponseEntity<byte[]> download(String fileName, byte[] workbook) {
        return org.springframework.http.ResponseEntity.ok().contentType(XLSX)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http
                        .ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(workbook);
    }

    /** Every sheet's rows (as {@link #readXlsx} reads the first), by sheet name in workbook order. */
    public static java.util.Map<String, List<List<String>>> readAllXlsx(InputStream in) {
        try (Workbook workbook = new XSSFWorkbook(in)) {
            java.util.Map<String, List<List<String>>> sheets = new java.util.LinkedHashMap<>();
            for (Sheet sheet : workbook) {
                sheets.put(sheet.getSheetName(), rows(sheet));
            }
            return sheets;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile(e);
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().strip();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getDateCellValue().toInstant().atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate().toString()
                    : numberText(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "Có" : "Không";
            default -> "";
        };
    }

    /** 4 rather than 4.0; unit codes typed as numbers lose their leading zeros, which the mapping restores. */
    private static String numberText(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    /** The file is not a readable spreadsheet. */
    public static final class UnreadableFile extends RuntimeException {
        UnreadableFile(Throwable cause) {
            super(cause);
        }
    }
}
