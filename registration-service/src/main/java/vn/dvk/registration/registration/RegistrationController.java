package vn.dvk.registration.registration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;
import vn.dvk.registration.Limits;
import vn.dvk.registration.campaign.CampaignCatalog;
import vn.dvk.registration.campaign.Level;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * Registrations of models. Unit officers register, edit, submit and withdraw their unit's models; coordinators of the
 * level that launched the campaign approve or return them; everyone reads inside their own unit's subtree.
 */
@RestController
@RequestMapping("/api/registration")
class RegistrationController {

    private final RegistrationDesk desk;
    private final EvidenceDesk evidence;
    private final Registrations registrations;
    private final CampaignCatalog campaigns;
    private final RegistrationSearch search;
    private final UnitAccess access;

    RegistrationController(RegistrationDesk desk, EvidenceDesk evidence, Registrations registrations,
            CampaignCatalog campaigns, RegistrationSearch search, UnitAccess access) {
        this.desk = desk;
        this.evidence = evidence;
        this.registrations = registrations;
        this.campaigns = campaigns;
        this.search = search;
        this.access = access;
    }

    /** Why a registration goes back to its unit. */
    record Return(@NotBlank @Size(max = Limits.REASON) String reason) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping("/registrations")
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<RegistrationView> register(@Valid @RequestBody RegistrationForm form) {
        access.requireCovers(Limits.knownUnit(form.unitCode()), "registrations");
        Registration registration = desk.register(form, access.caller().username());
        return ResponseEntity.created(URI.create("/api/registration/registrations/" + registration.id()))
                .body(RegistrationView.of(registration));
    }

    @GetMapping("/registrations/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    RegistrationView get(@PathVariable String id) {
        return RegistrationView.of(visible(id));
    }

    @PutMapping("/registrations/{id}")
    @Allow(Role.UNIT_OFFICER)
    RegistrationView revise(@PathVariable String id, @Valid @RequestBody RegistrationForm form) {
        return RegistrationView.of(desk.revise(visible(id), form));
    }

    @PostMapping("/registrations/{id}/submit")
    @Allow(Role.UNIT_OFFICER)
    RegistrationView submit(@PathVariable String id) {
        return RegistrationView.of(desk.submit(visible(id), access.caller().username()));
    }

    @PostMapping("/registrations/{id}/withdraw")
    @Allow(Role.UNIT_OFFICER)
    RegistrationView withdraw(@PathVariable String id) {
        return RegistrationView.of(desk.withdraw(visible(id), access.caller().username()));
    }

    @PostMapping("/registrations/{id}/approve")
    @Allow(Role.COORDINATOR)
    RegistrationView approve(@PathVariable String id) {
        return RegistrationView.of(desk.approve(decidable(id), access.caller().username()));
    }

    @PostMapping("/registrations/{id}/return")
    @Allow(Role.COORDINATOR)
    RegistrationView sendBack(@PathVariable String id, @Valid @RequestBody Return body) {
        return RegistrationView.of(desk.sendBack(decidable(id), body.reason().strip(), access.caller().username()));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping("/registrations/{id}/progress-reports")
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<RegistrationView> reportProgress(@PathVariable String id,
            @Valid @RequestBody Progress.ReportForm report) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RegistrationView.of(desk.reportProgress(visible(id), report, access.caller().username())));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping("/registrations/{id}/replications")
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<RegistrationView> recordReplication(@PathVariable String id,
            @Valid @RequestBody Progress.ReplicationForm replication) {
        return ResponseEntity.status(HttpStatus.CREATED).body(
                RegistrationView.of(desk.recordReplication(visible(id), replication, access.caller().username())));
    }

    /**
     * Registrations inside the caller's subtree (or of {@code unitCode} inside it), filtered and sorted as
     * {@link RegistrationFilter} describes.
     */
    @GetMapping("/registrations")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<RegistrationView> list(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) String campaignId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) RegistrationStatus status, @RequestParam(required = false) Field field,
            @RequestParam(required = false) ModelKind kind, @RequestParam(required = false) Level level,
            @RequestParam(required = false) @Size(max = Limits.QUERY) String q,
            @RequestParam(required = false) @Pattern(regexp = RegistrationForm.FORMER_UNIT_CODE) String formerUnitCode,
            @RequestParam(defaultValue = "-createdAt") String sort, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        String scope = access.scope(Limits.knownUnit(unitCode), "registrations");
        var filter = new RegistrationFilter(scope, campaignId, year, status, field, kind, level, q, formerUnitCode);
        var pageable = Paging.of(page, size, Sort.unsorted());
        RegistrationSearch.Found found = search.search(filter, RegistrationFilter.order(sort), pageable.getOffset(),
                pageable.getPageSize());
        return new PageImpl<>(search.load(found.ids()), pageable, found.total()).map(RegistrationView::of);
    }

    /**
     * Places taken and allowed for a unit in a campaign, per kind of model; in an archival campaign, for the old unit
     * {@code formerUnitCode} that {@code unitCode} carries (quotas were the old units').
     */
    @GetMapping("/campaigns/{campaignId}/quota-status")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<RegistrationDesk.QuotaStatus> quotaStatus(@PathVariable String campaignId, @RequestParam String unitCode,
            @RequestParam(required = false) @Pattern(regexp = RegistrationForm.FORMER_UNIT_CODE) String formerUnitCode) {
        access.requireCovers(Limits.knownUnit(unitCode), "quota-status?unitCode=" + unitCode);
        return desk.quotaStatus(campaigns.visibleTo(access, campaignId), unitCode, formerUnitCode);
    }

    /**
     * The progress reports due by a day of the campaign's schedule ({@code due}; by default the latest one passed,
     * or the first to come): which running models inside {@code unitCode} have not reported since the previous due
     * day — those reminders chase.
     */
    @GetMapping("/campaigns/{campaignId}/progress-due")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    RegistrationDesk.ProgressDue progressDue(@PathVariable String campaignId, @RequestParam String unitCode,
            @RequestParam(required = false) @PlausibleDate java.time.LocalDate due) {
        access.requireCovers(Limits.knownUnit(unitCode), "progress-due?unitCode=" + unitCode);
        return desk.progressDue(campaigns.visibleTo(access, campaignId), unitCode, due);
    }

    /**
     * Attaches evidence — a photograph or a scanned document (PDF, PNG, JPEG or WebP by content, up to 10 MB) — to
     * a registration that is not withdrawn.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping(path = "/registrations/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<Evidence.Attachment> attach(@PathVariable String id, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Size(max = Limits.TITLE) @Pattern(regexp = Limits.PLAIN_TEXT) String caption)
            throws IOException {
        Registration registration = visible(id);
        try (InputStream in = file.getInputStream()) {
            Registration saved = evidence.attach(registration, file.getOriginalFilename(), file.getSize(), in,
                    caption, access.caller().username());
            Evidence.Attachment attachment = saved.attachments().get(saved.attachments().size() - 1);
            return ResponseEntity.created(URI.create("/api/registration/registrations/" + id + "/attachments/"
                    + attachment.id())).body(attachment);
        }
    }

    /** The file itself, always as a download (never shown in the page's own origin). */
    @GetMapping("/registrations/{id}/attachments/{attachmentId}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    ResponseEntity<InputStreamResource> attachment(@PathVariable String id, @PathVariable String attachmentId) {
        EvidenceDesk.Content content = evidence.open(visible(id), attachmentId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.attachment().contentType()))
                .contentLength(content.attachment().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", "sandbox")
                .body(new InputStreamResource(content.stream()));
    }

    /** Removes evidence before a decision rests on it. */
    @DeleteMapping("/registrations/{id}/attachments/{attachmentId}")
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<Void> detach(@PathVariable String id, @PathVariable String attachmentId) {
        evidence.detach(visible(id), attachmentId);
        return ResponseEntity.noContent().build();
    }

    private Registration visible(String id) {
        return access.visible(registrations.findById(id), Registration::unitCode, "registration/" + id,
                () -> DomainException.notFound("registration-not-found", id));
    }

    /** A registration the caller may decide on: their unit holds the campaign's organising unit. */
    private Registration decidable(String id) {
        Registration registration = visible(id);
        if (!access.covers(desk.campaignFor(registration).unitCode())) {
            throw new DomainException(HttpStatus.FORBIDDEN, "registration-not-deciding-level");
        }
        return registration;
    }
}
