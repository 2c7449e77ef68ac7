package vn.dvk.registration.registration;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.registration.campaign.Campaign;
import vn.dvk.units.UnitHierarchy;

/**
 * Registrations from a spreadsheet in the standard form. Every row is checked on its own — the form, the caller's
 * unit, and every rule of the campaign — and the answer lists each refused row with its reasons in Vietnamese. A row
 * whose model the unit already registered in the campaign (same title, ignoring accents, case and spacing) is counted
 * as already registered, so importing the same file again creates nothing twice.
 */
@Service
class RegistrationImport {

    /** What became of the file's rows; {@code row} numbers are the spreadsheet's (the header is row 1). */
    record Result(int rows, int created, int alreadyRegistered, List<Rejected> rejected) {

        record Rejected(int row, String title, List<String> reasons) {
        }
    }

    private final RegistrationDesk desk;
    private final UnitAccess access;
    private final Validator validator;
    private final MessageSource messages;
    private final MongoTemplate mongo;
    private final AuditTrail audit;
    private final UnitHierarchy units;

    RegistrationImport(RegistrationDesk desk, UnitAccess access, Validator validator, MessageSource messages,
            MongoTemplate mongo, AuditTrail audit, UnitHierarchy units) {
        this.units = units;
        this.desk = desk;
        this.access = access;
        this.validator = validator;
        this.messages = messages;
        this.mongo = mongo;
        this.audit = audit;
    }

    Result importFile(Campaign campaign, String filename, InputStream content) {
        String campaignId = campaign.id();
        List<List<String>> table = filename != null && filename.toLowerCase(Locale.ROOT).endsWith(".csv")
                ? Sheets.readCsv(content) : Sheets.readXlsx(content);
        String by = access.caller().username();
        int rows = 0;
        int created = 0;
        int already = 0;
        List<Result.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            List<String> row = table.get(i);
            if (RegistrationSheet.isBlank(row) || i == 0 && RegistrationSheet.isHeader(row)) {
                continue;
            }
            rows++;
            RegistrationSheet.Parsed parsed = RegistrationSheet.parse(campaignId, row,
                    raw -> unitCode(raw, campaign.unitCode()));
            List<String> reasons = new ArrayList<>(parsed.problems());
            RegistrationForm form = parsed.form();
            reasons.addAll(violations(form));
            if (reasons.isEmpty() && !access.covers(form.unitCode())) {
                reasons.add(problem("unit-outside-scope", form.unitCode()));
            }
            if (reasons.isEmpty()) {
                try {
                    desk.register(form, by);
                    created++;
                    continue;
                } catch (DomainException refused) {
                    if ("registration-duplicate".equals(refused.code()) && registeredAlready(form)) {
                        already++;
                        continue;
                    }
                    reasons.add(problem(refused.code(), refused.args()));
                }
            }
            rejected.add(new Result.Rejected(i + 1, form.title(), reasons));
        }
        audit.record("registrations.imported", "completed", "campaign/" + campaignId, Map.of("file",
                String.valueOf(filename), "rows", rows, "created", created, "rejected", rejected.size()));
        return new Result(rows, created, already, rejected);
    }

    /**
     * A unit code as typed: digits that lost their leading zeros in a number cell are read as the commune (five
     * digits) or the province (two) — the one inside the campaign's organising unit, else the one that exists.
     */
    private String unitCode(String raw, String organiser) {
        if (!raw.matches("\\d{1,4}")) {
            return raw;
        }
        List<String> candidates = new ArrayList<>(List.of("0".repeat(5 - raw.length()) + raw));
        if (raw.length() <= 2) {
            candidates.add("0".repeat(2 - raw.length()) + raw);
        }
        return candidates.stream().filter(code -> units.contains(organiser, code)).findFirst()
                .or(() -> candidates.stream().filter(code -> !units.pathOf(code).isEmpty()).findFirst())
                .orElse(raw);
    }

    private boolean registeredAlready(RegistrationForm form) {
        return mongo.exists(new Query(Criteria.where("campaignId").is(form.campaignId()).and("unitCode")
                .is(form.unitCode()).and("titleKey").is(TitleKey.of(form.title())).and("status")
                .ne(RegistrationStatus.WITHDRAWN)), Registration.class);
    }

    /** Bean-validation failures as "column: message", in the bundle's words, as the API's field errors are. */
    private List<String> violations(RegistrationForm form) {
        Set<ConstraintViolation<RegistrationForm>> violations = validator.validate(form);
        Locale locale = LocaleContextHolder.getLocale();
        return violations.stream().map(v -> {
            String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            List<Object> args = new ArrayList<>();
            args.add(v.getPropertyPath().toString());
            v.getConstraintDescriptor().getAttributes().entrySet().stream()
                    .filter(a -> !Set.of("groups", "message", "payload").contains(a.getKey()))
                    .sorted(Map.Entry.comparingByKey()).forEach(a -> args.add(a.getValue()));
            return RegistrationSheet.label(v.getPropertyPath().toString()) + ": "
                    + messages.getMessage(constraint, args.toArray(), v.getMessage(), locale);
        }).sorted().toList();
    }

    private String problem(String code, Object... args) {
        return messages.getMessage("problem." + code + ".detail", args, code, LocaleContextHolder.getLocale());
    }
}
