package vn.dvk.registration.registration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dvk.kit.sheet.Sheets;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.registration.Limits;
import vn.dvk.registration.campaign.Campaign;
import vn.dvk.registration.campaign.CampaignCatalog;
import vn.dvk.registration.campaign.Level;

/** Registrations in and out as spreadsheets: the template of the standard form, import, and export of any list. */
@RestController
@RequestMapping("/api/registration")
class RegistrationFiles {

    private static final int EXPORT_LIMIT = 100_000;
    /** Registrations read from the database at a time while exporting. */
    private static final int EXPORT_BATCH = 500;

    private final RegistrationImport imports;
    private final CampaignCatalog campaigns;
    private final RegistrationSearch search;
    private final UnitAccess access;
    private final AuditTrail audit;

    RegistrationFiles(RegistrationImport imports, CampaignCatalog campaigns, RegistrationSearch search, UnitAccess access,
            AuditTrail audit) {
        this.imports = imports;
        this.campaigns = campaigns;
        this.search = search;
        this.access = access;
        this.audit = audit;
    }

    /** The standard form as an .xlsx to fill in: the columns, one example row, and a sheet of allowed values. */
    @GetMapping("/campaigns/{campaignId}/registration-template.xlsx")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    ResponseEntity<byte[]> template(@PathVariable String campaignId) {
        Campaign campaign = campaign(campaignId);
        List<List<Object>> example = List.of(List.of("00004", "Nuôi ong lấy mật", "Tập thể", "Kinh tế",
                "Hội Nông dân phường", "", "", "Tổ dân phố số 3", "Nuôi ong lấy mật theo hướng hữu cơ",
                "Thu hút 50 hộ tham gia", "15/10/" + campaign.plan().year(), "15/10/" + (campaign.plan().year() + 1)));
        List<List<String>> help = List.of(
                List.of("Đợt đăng ký", campaign.plan().title()),
                List.of("Mã đơn vị", "Mã đơn vị hành chính năm 2025 (ví dụ 00004); giữ số 0 ở đầu"),
                List.of("Loại mô hình", String.join(", ", RegistrationSheet.KINDS.values().stream().sorted().toList())),
                List.of("Lĩnh vực", String.join(", ", campaign.plan().fields().stream()
                        .map(RegistrationSheet.FIELDS::get).sorted().toList())),
                List.of("Đảng viên", "Có hoặc Không (với chủ thể là cá nhân)"),
                List.of("Ngày", "Dạng 31/12/2026"),
                List.of("Mã đơn vị trước 1/7/2025", "Chỉ với đợt trước 1/7/2025: mã tỉnh (2 chữ số), huyện (3) hoặc "
                        + "xã (5) cũ đã đăng ký; khi đó Mã đơn vị là đơn vị năm 2025 tiếp nhận"),
                List.of("Nhập lại", "Nhập lại cùng một tệp không tạo trùng: mô hình đã đăng ký được bỏ qua"));
        return Sheets.download("mau-dang-ky-mo-hinh.xlsx", Sheets.writeXlsx("Đăng ký", RegistrationSheet.COLUMNS, example, help));
    }

    /** Imports an .xlsx (or UTF-8 CSV) in the template's columns; every row is submitted or explained. */
    @PostMapping(path = "/campaigns/{campaignId}/registration-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Allow(Role.UNIT_OFFICER)
    RegistrationImport.Result importFile(@PathVariable String campaignId, @RequestPart("file") MultipartFile file)
            throws IOException {
        Campaign campaign = campaign(campaignId);
        return imports.importFile(campaign, file.getOriginalFilename(), Sheets.read(file));
    }

    /** Any list of registrations (the list's filters and sort) as an .xlsx, up to 100,000 rows. */
    @GetMapping("/registrations/export.xlsx")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    ResponseEntity<byte[]> export(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String campaignId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) RegistrationStatus status, @RequestParam(required = false) Field field,
            @RequestParam(required = false) ModelKind kind, @RequestParam(required = false) Level level,
            @RequestParam(required = false) @Size(max = Limits.QUERY) String q,
            @RequestParam(required = false) @Pattern(regexp = RegistrationForm.FORMER_UNIT_CODE) String formerUnitCode,
            @RequestParam(defaultValue = "title") String sort) {
        String scope = access.scope(Limits.knownUnit(unitCode), "registrations/export");
        RegistrationFilter filter = new RegistrationFilter(scope, campaignId, year, status, field, kind, level, q,
                formerUnitCode);
        List<String> ids = search.search(filter, RegistrationFilter.order(sort), 0, EXPORT_LIMIT).ids();
        List<String> header = List.of("Mã", "Năm", "Mã đơn vị", "Tên mô hình", "Loại mô hình", "Lĩnh vực", "Cấp",
                "Trạng thái", "Lý do trả lại", "Chủ thể", "Thôn / tổ dân phố", "Mục tiêu", "Ngày gửi",
                "Đơn vị trước 1/7/2025");
        List<List<Object>> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += EXPORT_BATCH) {
            for (Registration r : search.load(ids.subList(from, Math.min(ids.size(), from + EXPORT_BATCH)))) {
                rows.add(java.util.Arrays.asList(r.id(), r.year(), r.unitCode(), r.title(),
                        RegistrationSheet.KINDS.get(r.kind()), RegistrationSheet.FIELDS.get(r.field()),
                        r.level() == Level.PROVINCE ? "Tỉnh" : r.level() == Level.DISTRICT ? "Huyện" : "Xã",
                        RegistrationSheet.STATUSES.get(r.status()), r.returnReason(),
                        r.form().owner() == null ? null : r.form().owner().name(),
                        r.form().place() == null ? null : r.form().place().hamlet(), r.form().goals(),
                        r.submittedAt() == null ? null
                                : r.submittedAt().atZone(RegistrationDesk.VIETNAM).toLocalDate(),
                        r.formerUnit() == null ? null : r.formerUnit().code() + " – " + r.formerUnit().name()));
            }
        }
        audit.record("registrations.exported", "completed", "registrations/export",
                Map.of("unit", scope, "rows", rows.size()));
        return Sheets.download("dang-ky-mo-hinh.xlsx", Sheets.writeXlsx("Đăng ký", header, rows, null));
    }

    private Campaign campaign(String campaignId) {
        return campaigns.visibleTo(access, campaignId);
    }
}
