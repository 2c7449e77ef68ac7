package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dvk.kit.sheet.Sheets;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.registration.support.RegistrationApi;

/** The standard form as a spreadsheet: template, import with row-by-row answers, idempotent re-import, export. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationFilesIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-files");
    }

    @Test
    void anImportSubmitsGoodRowsExplainsTheOthersAndCreatesNothingTwice() throws Exception {
        RegistrationApi api = new RegistrationApi(port);
        String campaignId = api.launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào nhập tệp",
                RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(30), "[]"));
        byte[] file = xlsx(List.of(
                List.of("Mã đơn vị", "Tên mô hình", "Loại mô hình", "Lĩnh vực", "Chủ thể (tổ chức hoặc cá nhân)",
                        "Chức vụ", "Đảng viên", "Thôn / tổ dân phố", "Mô tả", "Mục tiêu", "Ngày bắt đầu",
                        "Ngày kết thúc"),
                List.of("00004", "Nuôi ong lấy mật", "Tập thể", "Kinh tế", "Hội Nông dân", "", "", "Tổ 3", "", "",
                        "15/10/2026", "15/10/2027"),
                List.of("00008", "Tủ sách cộng đồng", "tap the", "van hoa - xa hoi"),
                List.of("4", "Camera an ninh khu phố", "COLLECTIVE", "DEFENSE_SECURITY"),
                List.of("00004", "nuôi ong LẤY MẬT", "Tập thể", "Kinh tế"),
                List.of("00004", "", "Tập thể", "Kinh tế"),
                List.of("00004", "Trồng lúa hữu cơ", "Tập thể", "Nông nghiệp"),
                List.of("79", "Mô hình của tỉnh khác", "Cá nhân", "Kinh tế"),
                List.of("00004", "Chợ phiên cuối tuần", "Tập thể", "Kinh tế", "", "", "", "", "", "", "31/02/2026")));

        JsonNode first = upload(campaignId, "dang-ky.xlsx", file);
        assertThat(first.get("rows").asInt()).isEqualTo(8);
        assertThat(first.get("created").asInt()).isEqualTo(3);
        assertThat(first.get("alreadyRegistered").asInt()).as("the same title again, without accents").isEqualTo(1);
        JsonNode rejected = first.get("rejected");
        assertThat(rejected.size()).isEqualTo(4);
        assertThat(rejected.get(0).get("row").asInt()).isEqualTo(6);
        assertThat(rejected.get(0).get("reasons").toString()).contains("Tên mô hình: không được để trống");
        assertThat(rejected.get(1).get("reasons").toString()).contains("Lĩnh vực: không nhận ra \u201cNông nghiệp\u201d");
        assertThat(rejected.get(2).get("reasons").toString()).contains("Đơn vị 79 không thuộc phạm vi");
        assertThat(rejected.get(3).get("reasons").toString()).contains("Ngày bắt đầu: ngày không hợp lệ");

        JsonNode again = upload(campaignId, "dang-ky.xlsx", file);
        assertThat(again.get("created").asInt()).as("re-importing creates nothing twice").isZero();
        assertThat(again.get("alreadyRegistered").asInt()).isEqualTo(4);
        assertThat(again.get("rejected").size()).isEqualTo(4);

        String csv = "Mã đơn vị,Tên mô hình,Loại mô hình,Lĩnh vực\n00008,\"Bữa cơm \"\"nghĩa tình\"\", ấm áp\",Cá nhân,"
                + "Văn hóa – xã hội\n";
        JsonNode fromCsv = upload(campaignId, "dang-ky.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(fromCsv.get("created").asInt()).isEqualTo(1);

        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/registration/registrations/export.xlsx?unitCode=01&campaignId="
                                + campaignId)).header("Authorization", "Bearer " + TestStack.token("viewer.01")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("attachment"));
        List<List<String>> rows = read(export.body());
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("Mã", "Năm", "Mã đơn vị", "Tên mô hình");
        assertThat(rows.subList(1, 5)).extracting(r -> r.get(3)).containsExactly("Bữa cơm \"nghĩa tình\", ấm áp",
                "Camera an ninh khu phố", "Nuôi ong lấy mật", "Tủ sách cộng đồng");
        assertThat(rows.get(3)).contains("Tập thể", "Kinh tế", "Chờ duyệt");
    }

    @Test
    void theTemplateHasTheColumnsAndAnythingButASpreadsheetIsRefused() throws Exception {
        RegistrationApi api = new RegistrationApi(port);
        String campaignId = api.launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào mẫu",
                RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(30), "[]"));
        HttpResponse<byte[]> template = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/registration/campaigns/" + campaignId
                                + "/registration-template.xlsx"))
                .header("Authorization", "Bearer " + TestStack.token("officer.00004")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(read(template.body()).get(0)).isEqualTo(RegistrationSheet.COLUMNS);

        assertThat(uploadRaw(campaignId, "dang-ky.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8)).body())
                .contains("import-file-type");
        assertThat(uploadRaw(campaignId, "dang-ky.xlsx", "not a spreadsheet".getBytes(StandardCharsets.UTF_8)).body())
                .contains("import-file-unreadable");
    }

    private JsonNode upload(String campaignId, String name, byte[] content) throws Exception {
        HttpResponse<String> response = uploadRaw(campaignId, name, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RegistrationApi.json(response);
    }

    @Test
    void evidenceIsToldByItsContentKeptWithTheRegistrationAndGivenBackAsADownload() throws Exception {
        RegistrationApi api = new RegistrationApi(port);
        String campaignId = api.launchCampaign("coordinator.01", RegistrationApi.plan("01", "Phong trào minh chứng",
                RegistrationApi.today().minusDays(1), RegistrationApi.today().plusDays(30), "[]"));
        String id = RegistrationApi.json(api.send("POST", "/api/registration/registrations",
                RegistrationApi.form(campaignId, "00004", "Camera an ninh khu phố", "COLLECTIVE", "DEFENSE_SECURITY"),
                "officer.00004")).get("id").asString();
        String path = "/api/registration/registrations/" + id + "/attachments";
        byte[] photo = new byte[4096];
        new java.util.Random(7).nextBytes(photo);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, photo, 0, 8);

        HttpResponse<String> attached = api.upload(path, "ảnh hiện trường", photo, "officer.00004");
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        JsonNode attachment = RegistrationApi.json(attached);
        assertThat(attachment.get("contentType").asString()).isEqualTo("image/png");
        assertThat(attachment.get("fileName").asString()).isEqualTo("ảnh hiện trường.png");
        assertThat(attachment.get("size").asLong()).isEqualTo(4096);

        HttpResponse<String> disguised = api.upload(path, "bien-ban.pdf",
                "MZ\u0090 not a PDF at all".getBytes(StandardCharsets.UTF_8), "officer.00004");
        assertThat(disguised.statusCode()).isEqualTo(422);
        assertThat(RegistrationApi.json(disguised).get("detail").asString())
                .contains("không phải ảnh (JPEG, PNG, WebP) hay PDF");
        assertThat(RegistrationApi.json(api.upload(path, "lan-hai.png", photo, "officer.00004")).get("code")
                .asString()).as("the same content twice").isEqualTo("attachment-duplicate");
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 8);
        assertThat(RegistrationApi.json(api.upload(path, "to.pdf", huge, "officer.00004")).get("code").asString())
                .isEqualTo("attachment-too-large");
        String pdfId = RegistrationApi.json(api.upload(path, "quyet-dinh.pdf",
                "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII), "officer.00004")).get("id").asString();

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + path + "/" + attachment.get("id").asString()))
                .header("Authorization", "Bearer " + TestStack.token("viewer.01")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(photo);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains(".png"));

        assertThat(api.send("DELETE", path + "/" + pdfId, null, "officer.00004").statusCode()).isEqualTo(204);
        assertThat(api.send("GET", path + "/" + pdfId, null, "officer.00004").statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/registration/registrations/" + id + "/approve", null, "coordinator.01")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> afterDecision = api.send("DELETE", path + "/" + attachment.get("id").asString(), null,
                "officer.00004");
        assertThat(afterDecision.statusCode()).as("evidence a decision rests on stays").isEqualTo(409);
        JsonNode registration = RegistrationApi.json(api.send("GET", "/api/registration/registrations/" + id, null,
                "viewer.01"));
        assertThat(registration.get("attachments").valueStream().map(a -> a.get("fileName").asString()).toList())
                .containsExactly("ảnh hiện trường.png");
    }

    private HttpResponse<String> uploadRaw(String campaignId, String name, byte[] content) throws Exception {
        return new RegistrationApi(port).upload("/api/registration/campaigns/" + campaignId + "/registration-imports",
                name, content, "officer.01");
    }

    static byte[] xlsx(List<List<String>> rows) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Đăng ký");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static List<List<String>> read(byte[] xlsx) {
        List<List<String>> rows = new ArrayList<>(Sheets.readXlsx(new ByteArrayInputStream(xlsx)));
        rows.replaceAll(List::copyOf);
        return rows;
    }
}
