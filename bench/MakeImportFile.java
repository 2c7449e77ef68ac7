import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an .xlsx in the standard registration form: ROWS registrations spread over the communes of one province,
 * with distinct titles (numbered from FIRST + 1, so that several files do not repeat each other).
 * Usage (classpath with Apache POI): java MakeImportFile.java OUT.xlsx ROWS PROVINCE COMMUNES.csv [FIRST]
 */
public class MakeImportFile {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[1]);
        int first = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        String province = args[2];
        List<String> communes = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.strip().split(",")).filter(f -> f[3].equals(province)).map(f -> f[0]).toList();
        String[] fields = {"Kinh tế", "Văn hóa – xã hội", "Quốc phòng – an ninh", "Xây dựng hệ thống chính trị"};
        String[] models = {"Nuôi ong lấy mật", "Đường hoa tự quản", "Camera an ninh khu phố", "Một cửa thân thiện",
            "Quỹ khuyến học", "Tổ hòa giải", "Bữa cơm nghĩa tình", "Chợ nông sản sạch"};
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500); OutputStream out = new FileOutputStream(args[0])) {
            Sheet sheet = workbook.createSheet("Đăng ký");
            Row header = sheet.createRow(0);
            String[] columns = {"Mã đơn vị", "Tên mô hình", "Loại mô hình", "Lĩnh vực", "Chủ thể (tổ chức hoặc cá nhân)",
                "Chức vụ", "Đảng viên", "Thôn / tổ dân phố", "Mô tả", "Mục tiêu", "Ngày bắt đầu", "Ngày kết thúc"};
            for (int c = 0; c < columns.length; c++) {
                header.createCell(c).setCellValue(columns[c]);
            }
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                String[] values = {communes.get(i % communes.size()), models[i % models.length] + " số " + (first + i + 1),
                    i % 3 == 0 ? "Cá nhân" : "Tập thể", fields[i % fields.length], "Hội Phụ nữ", "", "",
                    "Tổ dân phố số " + (1 + i % 20), "Mô hình do nhân dân cùng làm", "Thu hút 100 hộ tham gia",
                    "15/10/2026", "15/10/2027"};
                for (int c = 0; c < values.length; c++) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
            workbook.write(out);
        }
    }
}
