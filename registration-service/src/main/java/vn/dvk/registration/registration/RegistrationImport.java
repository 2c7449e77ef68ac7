package vn.dvk.registration.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Caller;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.CorrelationId;
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
    @io.swagger.v3.oas.annotations.media.Schema(name = "RegistrationImportResult")
    record Result(int rows, int created, int alreadyRegistered, List<Rejected> rejected) {

        @io.swagger.v3.oas.annotations.media.Schema(name = "RegistrationImportRejection")
        record Rejected(int row, String title, List<String> reasons) {
        }
    }

    private final RegistrationDesk desk;
    private final UnitAccess access;
    private final Validator validator;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final UnitHierarchy units;
    private final Claims claims;
    private final Registrations registrations;

    RegistrationImport(RegistrationDesk desk, UnitAccess access, Validator validator, MessageSource messages,
            AuditTrail audit, UnitHierarchy units, Claims claims, Registrations registrations) {
        this.units = units;
        this.claims = claims;
        this.registrations = registrations;
        this.desk = desk;
        this.access = access;
        this.validator = validator;
        this.messages = messages;
        this.audit = audit;
    }

    Result importFile(Campaign campaign, String filename, List<List<String>> table) {
        Caller caller = access.caller();
        Locale locale = LocaleContextHolder.getLocale();
        String correlationId = CorrelationId.current();
        // Rows of one registering unit go in file order (its quota and its titles decide between them, the same way
        // every time); different units go side by side, as every rule is atomic. In an archival campaign the
        // registering unit is the old one, whichever 2025 unit carries the row.
        Map<String, List<Map.Entry<Integer, List<String>>>> byUnit = new LinkedHashMap<>();
        int rowCount = 0;
        for (int i = 0; i < table.size(); i++) {
            List<String> row = table.get(i);
            if (RegistrationSheet.isBlank(row) || i == 0 && RegistrationSheet.isHeader(row)) {
                continue;
            }
            rowCount++;
            String unit = row.isEmpty() ? "" : unitCode(row.get(0).strip(), campaign.unitCode());
            String former = RegistrationSheet.formerUnitCell(row);
            byUnit.computeIfAbsent(former.isEmpty() ? unit : "former " + former, u -> new ArrayList<>()).add(Map.entry(i + 1, row));
        }
        List<Callable<List<Outcome>>> units = new ArrayList<>();
        for (List<Map.Entry<Integer, List<String>>> rowsOfUnit : byUnit.values()) {
            units.add(() -> {
                try (CorrelationId.Scope ignored = CorrelationId.use(correlationId)) {
                    List<Outcome> done = new ArrayList<>();
                    for (Map.Entry<Integer, List<String>> row : rowsOfUnit) {
                        done.add(importRow(campaign, row.getKey(), row.getValue(), caller, locale));
                    }
                    return done;
                }
            });
        }
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Future<List<Outcome>> done : workers.invokeAll(units)) {
                outcomes.addAll(done.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("import failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        outcomes.sort(java.util.Comparator.comparingInt(Outcome::row));
        int created = (int) outcomes.stream().filter(o -> o.result() == Outcome.Kind.CREATED).count();
        int already = (int) outcomes.stream().filter(o -> o.result() == Outcome.Kind.ALREADY).count();
        List<Result.Rejected> rejected = outcomes.stream().filter(o -> o.result() == Outcome.Kind.REJECTED)
                .map(o -> new Result.Rejected(o.row(), o.title(), o.reasons())).toList();
        audit.record("registrations.imported", "completed", "campaign/" + campaign.id(), Map.of("file",
                String.valueOf(filename), "rows", rowCount, "created", created, "rejected", rejected.size()));
        return new Result(rowCount, created, already, rejected);
    }

    private static final int WORKERS = 4;

    /** What became of one row. */
    private record Outcome(int row, String title, Kind result, List<String> reasons) {
        enum Kind { CREATED, ALREADY, REJECTED }
    }

    private Outcome importRow(Campaign campaign, int number, List<String> row, Caller caller, Locale locale) {
        RegistrationSheet.Parsed parsed = RegistrationSheet.parse(campaign.id(), row,
                raw -> unitCode(raw, campaign.unitCode()));
        List<String> reasons = new ArrayList<>(parsed.problems());
        RegistrationForm form = parsed.form();
        reasons.addAll(violations(form, locale));
        if (reasons.isEmpty() && units.pathOf(form.unitCode()).isEmpty()) {
            // As the API answers: a code not in the catalog is a mistake in the row, whoever imports it.
            reasons.add(problem(locale, "unit-unknown", form.unitCode()));
        } else if (reasons.isEmpty() && !units.contains(caller.unitCode(), form.unitCode())) {
            reasons.add(problem(locale, "unit-outside-scope", form.unitCode()));
        }
        if (reasons.isEmpty()) {
            try {
                desk.register(form, campaign, caller.username());
                return new Outcome(number, form.title(), Outcome.Kind.CREATED, List.of());
            } catch (DomainException refused) {
                if ("registration-duplicate".equals(refused.code()) && registeredAlready(form, caller)) {
                    return new Outcome(number, form.title(), Outcome.Kind.ALREADY, List.of());
                }
                reasons.add(problem(locale, refused.code(), refused.args()));
            }
        }
        return new Outcome(number, form.title(), Outcome.Kind.REJECTED, reasons);
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

    /**
     * Whether the unit already holds this title in the campaign with a registration that is not withdrawn, and one
     * the caller may see. An old unit of an archival campaign is carried by several 2025 units (old Ngọc Hà by both
     * Ba Đình and Ngọc Hà): a title another carrier registered is refused as a duplicate, as the API refuses it, and
     * never counted as the caller's own registration.
     */
    private boolean registeredAlready(RegistrationForm form, Caller caller) {
        return claims.titleHolder(form.campaignId(), form.registeringUnit(), TitleKey.of(form.title()))
                .flatMap(registrations::findById)
                .filter(r -> r.status() != RegistrationStatus.WITHDRAWN)
                .filter(r -> units.contains(caller.unitCode(), r.unitCode()))
                .isPresent();
    }

    /** Bean-validation failures as "column: message", in the bundle's words, as the API's field errors are. */
    private List<String> violations(RegistrationForm form, Locale locale) {
        Set<ConstraintViolation<RegistrationForm>> violations = validator.validate(form);
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

    private String problem(Locale locale, String code, Object... args) {
        return messages.getMessage("problem." + code + ".detail", args, code, locale);
    }
}
