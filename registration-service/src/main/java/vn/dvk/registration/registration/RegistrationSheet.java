package vn.dvk.registration.registration;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.dvk.kit.text.Labels;

/**
 * The standard registration form as a spreadsheet row: the columns units know, with Vietnamese labels for kinds and
 * fields (the codes are accepted too, and so is text typed without accents). The last column, the unit before
 * 1 July 2025, is filled only for records of campaigns from before then; its code must be typed in full (2, 3 or 5
 * digits for a province, district or commune), since its length tells the level.
 */
final class RegistrationSheet {

    static final List<String> COLUMNS = List.of("Mã đơn vị", "Tên mô hình", "Loại mô hình", "Lĩnh vực",
            "Chủ thể (tổ chức hoặc cá nhân)", "Chức vụ", "Đảng viên", "Thôn / tổ dân phố", "Mô tả", "Mục tiêu",
            "Ngày bắt đầu", "Ngày kết thúc", "Mã đơn vị trước 1/7/2025");

    static final Map<ModelKind, String> KINDS = Labels.of(ModelKind.class, Labels.KINDS);
    static final Map<Field, String> FIELDS = Labels.of(Field.class, Labels.FIELDS);
    static final Map<RegistrationStatus, String> STATUSES = Labels.of(RegistrationStatus.class, Labels.STATUSES);

    /** Strict, so that 31/02 is refused rather than read as 28/02. */
    private static final DateTimeFormatter VIETNAMESE_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private RegistrationSheet() {
    }

    /** A row read from a file: the form it makes, or why it makes none. */
    record Parsed(RegistrationForm form, List<String> problems) {
    }

    static boolean isHeader(List<String> row) {
        return !row.isEmpty() && TitleKey.of(row.get(0)).equals(TitleKey.of(COLUMNS.get(0)));
    }

    static boolean isBlank(List<String> row) {
        return row.stream().allMatch(String::isBlank);
    }

    /**
     * @param unitCode turns the unit cell into a code; cells typed as numbers lose leading zeros, and only the
     *                 campaign's units tell whether 4 is commune 00004 or province 04
     */
    static Parsed parse(String campaignId, List<String> row, java.util.function.UnaryOperator<String> unitCode) {
        List<String> problems = new ArrayList<>();
        String unit = unitCode.apply(cell(row, 0));
        ModelKind kind = choice(cell(row, 2), KINDS, COLUMNS.get(2), problems);
        Field field = choice(cell(row, 3), FIELDS, COLUMNS.get(3), problems);
        String owner = cell(row, 4);
        RegistrationForm.Owner ownerOf = owner.isBlank() ? null : new RegistrationForm.Owner(
                kind == ModelKind.INDIVIDUAL ? RegistrationForm.OwnerType.PERSON : RegistrationForm.OwnerType.ORGANISATION,
                owner, blankToNull(cell(row, 5)), yesNo(cell(row, 6), problems), null);
        String hamlet = cell(row, 7);
        LocalDate start = date(cell(row, 10), COLUMNS.get(10), problems);
        LocalDate end = date(cell(row, 11), COLUMNS.get(11), problems);
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(COLUMNS.get(11) + ": phải sau ngày bắt đầu");
        }
        RegistrationForm form = new RegistrationForm(campaignId, unit, blankToNull(formerUnitCell(row)), cell(row, 1),
                kind, field, null, ownerOf,
                hamlet.isBlank() ? null : new RegistrationForm.Place(hamlet, null), blankToNull(cell(row, 8)),
                blankToNull(cell(row, 9)), List.of(), start, end, true);
        return new Parsed(form, problems);
    }

    /** The old unit's code, typed in full; blank for a record of the 2025 units. */
    static String formerUnitCell(List<String> row) {
        return cell(row, 12);
    }

    /** The column label of a form property, for messages about a row. */
    static String label(String property) {
        return switch (property) {
            case "unitCode" -> COLUMNS.get(0);
            case "title" -> COLUMNS.get(1);
            case "kind" -> COLUMNS.get(2);
            case "field" -> COLUMNS.get(3);
            case "owner.name" -> COLUMNS.get(4);
            case "owner.position" -> COLUMNS.get(5);
            case "place.hamlet" -> COLUMNS.get(7);
            case "description" -> COLUMNS.get(8);
            case "goals" -> COLUMNS.get(9);
            case "formerUnitCode" -> COLUMNS.get(12);
            default -> property;
        };
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() && row.get(column) != null ? row.get(column).strip() : "";
    }

    private static <E extends Enum<E>> E choice(String text, Map<E, String> labels, String column,
            List<String> problems) {
        if (text.isBlank()) {
            problems.add(column + ": bắt buộc phải có");
            return null;
        }
        String key = loose(text);
        for (Map.Entry<E, String> label : labels.entrySet()) {
            if (loose(label.getValue()).equals(key) || label.getKey().name().equalsIgnoreCase(text)) {
                return label.getKey();
            }
        }
        problems.add(column + ": không nhận ra \u201c" + text + "\u201d (chọn một trong: "
                + String.join(", ", labels.values().stream().sorted().toList()) + ")");
        return null;
    }

    /** Folded, and punctuation ignored: "Văn hóa – xã hội", "van hoa - xa hoi" and "Văn hóa xã hội" are alike. */
    private static String loose(String text) {
        return TitleKey.of(text).replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
    }

    private static Boolean yesNo(String text, List<String> problems) {
        String key = TitleKey.of(text);
        if (key.isEmpty()) {
            return null;
        }
        if (key.equals("co") || key.equals("x") || key.equals("true")) {
            return true;
        }
        if (key.equals("khong") || key.equals("false")) {
            return false;
        }
        problems.add(COLUMNS.get(6) + ": ghi \u201cCó\u201d hoặc \u201cKhông\u201d");
        return null;
    }

    private static LocalDate date(String text, String column, List<String> problems) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return text.contains("/") ? LocalDate.parse(text, VIETNAMESE_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(column + ": ngày không hợp lệ \u201c" + text + "\u201d (dạng 31/12/2026)");
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
