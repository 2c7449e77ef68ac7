package vn.dvk.notification.recipient;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Caller;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.sheet.Sheets;
import vn.dvk.kit.web.Paging;

/**
 * The directory of who to notify, managed by administrators and coordinators within their unit; and every signed-in
 * person's own preferences.
 */
@RestController
@RequestMapping("/api/notification/recipients")
class RecipientController {

    private final Recipients recipients;
    private final UnitAccess access;
    private final AuditTrail audit;

    RecipientController(Recipients recipients, UnitAccess access, AuditTrail audit) {
        this.recipients = recipients;
        this.access = access;
        this.audit = audit;
    }

    /**
     * A unit's recipients (the caller's unit by default), in Vietnamese order of given names; {@code q} matches name,
     * e-mail or user name, with or without accents.
     */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Page<Recipient> list(@RequestParam(required = false) String unitCode, @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        String scope = access.scope(unitCode, "recipients");
        return recipients.list(scope, q, role, Paging.of(page, size, Sort.by("sortKey", "_id")));
    }

    /**
     * Adds a recipient to a unit within the caller's. A key already in the directory answers 409: {@code
     * recipient-exists} (naming it) when the entry is within the caller's unit, otherwise {@code
     * recipient-username-unavailable}, which does not say where the person's entry is.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Recipient create(@Valid @RequestBody RecipientForm form) {
        access.requireCovers(form.unitCode(), "recipients");
        Recipient created = refusalsAudited("recipients",
                () -> recipients.create(form, access.caller().username(), access::covers));
        audit.record("recipient.created", "OK", created.id(), Map.of("unit", created.unitCode()));
        return created;
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Recipient get(@PathVariable String id) {
        return visible(id);
    }

    @PutMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Recipient update(@PathVariable String id, @Valid @RequestBody RecipientForm form) {
        Recipient existing = visible(id);
        access.requireCovers(form.unitCode(), "recipients/" + id);
        Recipient saved = refusalsAudited("recipients/" + id,
                () -> recipients.update(existing, form, access.caller().username(), access::covers));
        audit.record("recipient.updated", "OK", id, Map.of("unit", saved.unitCode()));
        return saved;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allow({Role.ADMIN, Role.COORDINATOR})
    void delete(@PathVariable String id) {
        recipients.delete(visible(id));
        audit.record("recipient.deleted", "OK", id, Map.of());
    }

    /**
     * Imports recipients from .xlsx or UTF-8 CSV in the template's columns; every row is saved or explained. A row
     * must name a unit within the caller's, and when it matches an existing entry (by user name, or unit and e-mail)
     * that entry must be within the caller's unit too; otherwise the row is rejected without saying where it is.
     */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Recipients.ImportResult importFile(@RequestPart("file") MultipartFile file) throws IOException {
        Recipients.ImportResult result = recipients.importRows(Sheets.read(file), access::covers,
                access.caller().username());
        audit.record("recipients.imported", "OK", file.getOriginalFilename(), Map.of("created", result.created(),
                "updated", result.updated(), "rejected", result.rejected().size()));
        return result;
    }

    /** The import sheet: its columns, an example row and what each column takes. */
    @GetMapping("/import-template.xlsx")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    ResponseEntity<byte[]> importTemplate() {
        List<List<Object>> example = List.of(List.of("00004", "officer.00004", "Nguyễn Thị Hoa",
                "hoa.nt@badinh.hanoi.gov.vn", "0912345678", "UNIT_OFFICER", "INBOX, EMAIL, SMS", "vi", "21:00-07:00", "Không"));
        List<List<String>> help = List.of(
                List.of("Mã đơn vị", "Mã đơn vị hành chính năm 2025 (ví dụ 00004) hoặc mã tổ chức; giữ số 0 ở đầu"),
                List.of("Tên đăng nhập", "Không bắt buộc; có thì người đó xem được hộp thư và tự sửa lựa chọn"),
                List.of("Vai trò", "Một hoặc nhiều: ADMIN, COORDINATOR, REVIEWER, UNIT_OFFICER, VIEWER"),
                List.of("Kênh nhận", "Một hoặc nhiều: INBOX, EMAIL, SMS, ZALO (SMS, Zalo cần số điện thoại)"),
                List.of("Ngôn ngữ", "vi (mặc định) hoặc en"),
                List.of("Giờ yên lặng", "Không gửi SMS, Zalo trong khoảng này, ví dụ 21:00-07:00"),
                List.of("Bản tin hằng ngày", "Có: email về sự kiện (duyệt, trả lại, công nhận…) gộp thành một thư mỗi "
                        + "sáng; nhắc hạn vẫn gửi ngay. Để trống: giữ như cũ (người mới: Không)"),
                List.of("Nhập lại", "Nhập lại cùng một tệp không tạo trùng: người đã có được cập nhật"));
        return Sheets.download("mau-nguoi-nhan-thong-bao.xlsx",
                Sheets.writeXlsx("Người nhận", Recipients.COLUMNS, example, help));
    }

    /**
     * The caller's own entry; while nobody entered them and they saved nothing, what applies to them (in-app inbox
     * only, Vietnamese), with no id.
     */
    @GetMapping("/me")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Recipient mine() {
        Caller caller = access.caller();
        return recipients.mine(caller).orElseGet(() -> new Recipient(null, "user:" + caller.username(),
                caller.unitCode(), caller.username(), caller.username(), null, null, caller.roles(),
                java.util.Set.of(Channel.INBOX), "vi", null, false, true, null, null, null, null));
    }

    @PutMapping("/me")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Recipient savePreferences(@Valid @RequestBody PreferencesForm form) {
        Recipient saved = recipients.savePreferences(access.caller(), form);
        audit.record("recipient.preferences-saved", "OK", saved.id(), Map.of());
        return saved;
    }

    /** Runs a save, recording in the audit trail (without the other entry's unit) a refusal of a foreign key. */
    private Recipient refusalsAudited(String target, java.util.function.Supplier<Recipient> save) {
        try {
            return save.get();
        } catch (DomainException e) {
            if (Recipients.USERNAME_UNAVAILABLE.equals(e.code())) {
                audit.record("access.denied", Recipients.USERNAME_UNAVAILABLE, target, Map.of());
            }
            throw e;
        }
    }

    private Recipient visible(String id) {
        return access.visible(recipients.find(id), Recipient::unitCode, "recipients/" + id,
                () -> DomainException.notFound("recipient-not-found", id));
    }
}
