package vn.dvk.evaluation.review;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.sheet.Sheets;

/**
 * The mid-term and final review (sơ kết / tổng kết) of a campaign for the caller's unit (or {@code unitCode} inside
 * it): JSON, or the same numbers as an .xlsx workbook.
 */
@RestController
@RequestMapping("/api/evaluation/reports")
class ReportController {

    private final ReviewReports reports;
    private final UnitAccess access;
    private final AuditTrail audit;

    ReportController(ReviewReports reports, UnitAccess access, AuditTrail audit) {
        this.reports = reports;
        this.access = access;
        this.audit = audit;
    }

    /**
     * The review: totals; models by level and kind, by field, by unit with quota fill; the recognised and commended
     * models with owner, unit and decision. {@code stage}: MID_TERM or FINAL (by default, final from the campaign's
     * final review day).
     */
    @GetMapping("/review")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    ReviewReports.Report review(@RequestParam String campaignId, @RequestParam(required = false) String unitCode,
            @RequestParam(required = false) ReviewReports.Stage stage) {
        return reports.report(campaignId, access.scope(Limits.knownUnit(unitCode), "reports/review"), stage);
    }

    /** The same review as an .xlsx workbook (one sheet per table, and the list of models). */
    @GetMapping("/review.xlsx")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    ResponseEntity<byte[]> reviewWorkbook(@RequestParam String campaignId,
            @RequestParam(required = false) String unitCode, @RequestParam(required = false) ReviewReports.Stage stage) {
        ReviewReports.Report report = reports.report(campaignId,
                access.scope(Limits.knownUnit(unitCode), "reports/review"), stage);
        audit.record("review-report.exported", "completed", "campaigns/" + report.campaignId(),
                java.util.Map.of("unit", report.unitCode(), "stage", report.stage().name(),
                        "models", report.models().size()));
        String name = (report.stage() == ReviewReports.Stage.FINAL ? "bao-cao-tong-ket-" : "bao-cao-so-ket-")
                + report.year() + "-" + report.unitCode() + ".xlsx";
        return Sheets.download(name, reports.workbook(report));
    }
}
