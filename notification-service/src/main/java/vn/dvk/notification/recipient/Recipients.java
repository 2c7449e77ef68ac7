package vn.dvk.notification.recipient;

import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Caller;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.text.Texts;

/** The directory of recipients: entered one by one, imported from a sheet, and each person's own preferences. */
@Service
public class Recipients {

    /** The columns of the import sheet, in order. */
    public static final List<String> COLUMNS = List.of("Mã đơn vị", "Tên đăng nhập", "Họ và tên", "Email",
            "Điện thoại", "Vai trò", "Kênh nhận", "Ngôn ngữ", "Giờ yên lặng", "Bản tin hằng ngày");

    /** The problem code for a user name whose entry is held outside the caller's subtree. */
    public static final String USERNAME_UNAVAILABLE = "recipient-username-unavailable";

    /** What an import did: every row is created, updated, left as it was, or refused with its reasons. */
    public record ImportResult(int rows, int created, int updated, int unchanged, List<Rejected> rejected) {

        public record Rejected(int row, String name, List<String> reasons) {
        }
    }

    private final MongoTemplate mongo;
    private final RecipientDirectory directory;
    private final Validator validator;
    private final Clock clock;
    private final MessageSource messages;

    Recipients(MongoTemplate mongo, RecipientDirectory directory, Validator validator, Clock clock,
            MessageSource messages) {
        this.messages = messages;
        this.mongo = mongo;
        this.directory = directory;
        this.validator = validator;
        this.clock = clock;
        mongo.indexOps(Recipient.class).createIndex(new Index("key", org.springframework.data.domain.Sort.Direction.ASC)
                .unique());
        addMissingKeys();
    }

    /** Entries saved before the directory kept sort and search keys get them, once. */
    private void addMissingKeys() {
        for (Recipient r : mongo.find(new Query(Criteria.where("sortKey").exists(false)), Recipient.class)) {
            mongo.updateFirst(new Query(Criteria.where("_id").is(r.id())), new Update()
                    .set("sortKey", Recipient.sortKeyOf(r.name()))
                    .set("searchKey", Recipient.searchKeyOf(r.name(), r.email(), r.username())), Recipient.class);
        }
    }

    public Page<Recipient> list(String unitCode, String q, Role role, Pageable page) {
        Criteria c = Criteria.where("unitCode").is(unitCode);
        if (role != null) {
            c = c.and("roles").is(role);
        }
        if (q != null && !q.isBlank()) {
            c = c.and("searchKey").regex(Pattern.quote(Texts.fold(q)));
        }
        Query query = new Query(c);
        long total = mongo.count(query, Recipient.class);
        List<Recipient> content = mongo.find(query.with(page), Recipient.class);
        return new PageImpl<>(content, page, total);
    }

    public Optional<Recipient> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Recipient.class));
    }

    /**
     * Adds an entry. {@code mayManage} says whether the caller may manage a unit: when another entry already holds the
     * key (a user name is one person across the province) in a unit the caller may not manage, the answer names
     * neither that entry nor its unit (see {@link #conflict}).
     */
    public Recipient create(RecipientForm form, String by, Predicate<String> mayManage) {
        Recipient recipient = build(Ids.newId(), form, by);
        try {
            mongo.insert(recipient);
        } catch (DuplicateKeyException e) {
            throw conflict(recipient.key(), mayManage);
        }
        directory.changed();
        return recipient;
    }

    /**
     * Saves the form over the entry (which the caller may manage); a form without {@code digest} keeps the person's
     * choice. A user name another entry holds is refused as in {@link #create}.
     */
    public Recipient update(Recipient existing, RecipientForm form, String by, Predicate<String> mayManage) {
        Recipient recipient = build(existing.id(), keepingDigest(form, existing), by);
        try {
            mongo.save(recipient);
        } catch (DuplicateKeyException e) {
            throw conflict(recipient.key(), mayManage);
        }
        directory.changed();
        return recipient;
    }

    /**
     * The answer when {@code key} is held by another entry. Within the caller's subtree: {@code recipient-exists},
     * naming it, to edit it instead. Outside: {@code recipient-username-unavailable}, which says only that the user
     * name cannot be used for the caller's unit — not which unit holds it, nor anything about that entry. (That the
     * name is taken somewhere is unavoidable: a user name is one person's, across every unit. A mail key holds its
     * unit, so only a user name can be held outside the subtree of a caller who may manage the new unit.)
     */
    private DomainException conflict(String key, Predicate<String> mayManage) {
        Recipient holder = byKey(key);
        return holder != null && mayManage.test(holder.unitCode())
                ? DomainException.conflict("recipient-exists", key)
                : DomainException.conflict(USERNAME_UNAVAILABLE);
    }

    private Recipient byKey(String key) {
        return mongo.findOne(new Query(Criteria.where("key").is(key)), Recipient.class);
    }

    public void delete(Recipient existing) {
        mongo.remove(new Query(Criteria.where("_id").is(existing.id())), Recipient.class);
        directory.changed();
    }

    /**
     * Imports rows in {@link #COLUMNS}' order (the first row is the header). A row is matched to an existing
     * recipient by its key (user name, or unit and e-mail), so importing the same sheet twice changes nothing.
     * Every row is checked as the API checks a form; {@code mayManage} says whether the caller may manage a unit, and
     * is asked of the row's unit and, when the row matches an existing entry, of that entry's unit too: a row naming
     * a person whose entry is held outside the caller's subtree is refused, with a reason that does not say where
     * (the entry is left as it was).
     */
    public ImportResult importRows(List<List<String>> rows, Predicate<String> mayManage, String by) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<ImportResult.Rejected> rejected = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            RecipientForm form = parse(row, reasons);
            if (form != null) {
                for (ConstraintViolation<RecipientForm> v : validator.validate(form)) {
                    reasons.add(COLUMN_OF.getOrDefault(v.getPropertyPath().toString().split("\\.")[0],
                            v.getPropertyPath().toString()) + ": " + v.getMessage());
                }
                if (reasons.isEmpty() && !mayManage.test(form.unitCode())) {
                    reasons.add("Mã đơn vị: ngoài phạm vi đơn vị của người nhập");
                }
            }
            if (reasons.isEmpty()) {
                try {
                    switch (importRow(form, mayManage, by)) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        case UNCHANGED -> unchanged++;
                    }
                    continue;
                } catch (DomainException e) {
                    reasons.add(messages.getMessage("problem." + e.code() + ".detail", e.args(), e.code(),
                            Locale.forLanguageTag("vi")));
                }
            }
            rejected.add(new ImportResult.Rejected(i + 1, cell(row, 2), reasons));
        }
        directory.changed();
        return new ImportResult(rows.isEmpty() ? 0 : rows.size() - 1, created, updated, unchanged, rejected);
    }

    private enum RowOutcome { CREATED, UPDATED, UNCHANGED }

    /**
     * One valid row whose unit the caller may manage: inserted, or saved over the entry it matches when the caller
     * may manage that entry's unit too.
     */
    private RowOutcome importRow(RecipientForm form, Predicate<String> mayManage, String by) {
        String key = build(null, form, by).key();
        Recipient existing = byKey(key);
        if (existing == null) {
            try {
                mongo.insert(build(Ids.newId(), form, by));
            } catch (DuplicateKeyException e) {
                // Entered by someone else since the lookup.
                throw conflict(key, mayManage);
            }
            return RowOutcome.CREATED;
        }
        if (!mayManage.test(existing.unitCode())) {
            throw DomainException.conflict(USERNAME_UNAVAILABLE);
        }
        if (sameContent(existing, build(null, keepingDigest(form, existing), by))) {
            return RowOutcome.UNCHANGED;
        }
        mongo.save(build(existing.id(), keepingDigest(form, existing), by));
        return RowOutcome.UPDATED;
    }

    /** The caller's own entry, if they have one. */
    public Optional<Recipient> mine(Caller caller) {
        return Optional.ofNullable(mongo.findOne(new Query(Criteria.where("key").is("user:" + caller.username())),
                Recipient.class));
    }

    /**
     * Saves the caller's preferences, creating their entry (in their unit, with their roles) when they have none. The
     * entry matched is the caller's own by its key (their user name), wherever it is held; only how to reach them
     * changes — its unit and roles stay as the directory's managers set them, so nobody moves an entry, or reaches
     * another person's, through this.
     */
    public Recipient savePreferences(Caller caller, PreferencesForm form) {
        try {
            return savePreferencesOnce(caller, form);
        } catch (DuplicateKeyException firstSaveRaced) {
            // Two first saves of the same person at once (two tabs): the other created the entry; save over it.
            return savePreferencesOnce(caller, form);
        }
    }

    private Recipient savePreferencesOnce(Caller caller, PreferencesForm form) {
        Optional<Recipient> existing = mine(caller);
        if (caller.unitCode() == null) {
            throw DomainException.unprocessable("recipient-no-unit");
        }
        String email = form.email() != null ? form.email() : existing.map(Recipient::email).orElse(null);
        String phone = form.phone() != null ? form.phone() : existing.map(Recipient::phone).orElse(null);
        RecipientForm full = new RecipientForm(existing.map(Recipient::unitCode).orElse(caller.unitCode()),
                caller.username(), form.name() != null ? form.name()
                        : existing.map(Recipient::name).orElse(caller.username()),
                email, phone, existing.map(Recipient::roles).orElse(caller.roles()), form.channels(),
                form.language(), form.quietHours(), form.digest(), true);
        Recipient saved = build(existing.map(Recipient::id).orElseGet(Ids::newId),
                existing.map(e -> keepingDigest(full, e)).orElse(full), caller.username());
        mongo.save(saved);
        directory.changed();
        return saved;
    }

    private Recipient build(String id, RecipientForm form, String by) {
        if (form.channels().contains(Channel.EMAIL) && (form.email() == null || form.email().isBlank())) {
            throw DomainException.unprocessable("recipient-email-needed");
        }
        if ((form.channels().contains(Channel.SMS) || form.channels().contains(Channel.ZALO))
                && (form.phone() == null || form.phone().isBlank())) {
            throw DomainException.unprocessable("recipient-phone-needed");
        }
        if ((form.username() == null || form.username().isBlank()) && (form.email() == null || form.email().isBlank())) {
            throw DomainException.unprocessable("recipient-identity-needed");
        }
        String username = blankToNull(form.username());
        String email = blankToNull(form.email()) == null ? null : form.email().trim().toLowerCase(Locale.ROOT);
        String name = Texts.nfc(form.name().trim());
        return new Recipient(id, Recipient.keyOf(form.unitCode(), username, email), form.unitCode(), username,
                name, email,
                blankToNull(form.phone()), Set.copyOf(form.roles()), Set.copyOf(form.channels()),
                form.language() == null ? "vi" : form.language(),
                form.quietHours() == null ? null : new Recipient.QuietHours(LocalTime.parse(form.quietHours().from()),
                        LocalTime.parse(form.quietHours().to())),
                Boolean.TRUE.equals(form.digest()), form.active() == null || form.active(), clock.instant(), by,
                Recipient.sortKeyOf(name), Recipient.searchKeyOf(name, email, username));
    }

    /**
     * The form, with the entry's daily-digest choice when it says nothing of it: people choose the digest themselves,
     * and an edit or an older sheet without the column must not undo that.
     */
    private static RecipientForm keepingDigest(RecipientForm form, Recipient existing) {
        return form.digest() != null ? form : new RecipientForm(form.unitCode(), form.username(), form.name(),
                form.email(), form.phone(), form.roles(), form.channels(), form.language(), form.quietHours(),
                existing.digest(), form.active());
    }

    private static boolean sameContent(Recipient a, Recipient b) {
        return java.util.Objects.equals(a.unitCode(), b.unitCode()) && java.util.Objects.equals(a.name(), b.name())
                && java.util.Objects.equals(a.email(), b.email()) && java.util.Objects.equals(a.phone(), b.phone())
                && a.roles().equals(b.roles()) && a.channels().equals(b.channels())
                && a.language().equals(b.language()) && java.util.Objects.equals(a.quietHours(), b.quietHours())
                && a.digest() == b.digest() && a.active() == b.active();
    }

    private static final Map<String, String> COLUMN_OF = Map.of("unitCode", "Mã đơn vị", "username", "Tên đăng nhập",
            "name", "Họ và tên", "email", "Email", "phone", "Điện thoại", "roles", "Vai trò", "channels", "Kênh nhận",
            "language", "Ngôn ngữ", "quietHours", "Giờ yên lặng", "digest", "Bản tin hằng ngày");

    private static RecipientForm parse(List<String> row, List<String> reasons) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : list(cell(row, 5))) {
            try {
                roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reasons.add("Vai trò: không có vai trò " + r);
            }
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String c : list(cell(row, 6))) {
            try {
                channels.add(Channel.valueOf(c.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reasons.add("Kênh nhận: không có kênh " + c);
            }
        }
        RecipientForm.QuietHoursForm quiet = null;
        String quietText = cell(row, 8);
        if (quietText != null) {
            String[] parts = quietText.split("-");
            if (parts.length != 2) {
                reasons.add("Giờ yên lặng: dạng 21:00-07:00");
            } else {
                quiet = new RecipientForm.QuietHoursForm(parts[0].trim(), parts[1].trim());
            }
        }
        Boolean digest = cell(row, 9) == null ? null : yesNo(cell(row, 9));
        if (cell(row, 9) != null && digest == null) {
            reasons.add("Bản tin hằng ngày: ghi Có hoặc Không");
        }
        if (!reasons.isEmpty()) {
            return null;
        }
        String language = cell(row, 7);
        return new RecipientForm(unitCode(cell(row, 0)), cell(row, 1), cell(row, 2), cell(row, 3), phone(cell(row, 4)), roles,
                channels, language == null ? null : language.toLowerCase(Locale.ROOT), quiet, digest, true);
    }

    /** Có / Không (with or without accents), yes / no, x / 0; null for anything else. */
    private static Boolean yesNo(String text) {
        return switch (Texts.fold(text)) {
            case "co", "yes", "x", "1", "true" -> true;
            case "khong", "no", "0", "false" -> false;
            default -> null;
        };
    }

    /** A unit code whose leading zeros a spreadsheet ate, put back: 2 digits for a province, 5 for a commune. */
    private static String unitCode(String text) {
        if (text == null || !text.matches("\\d{1,5}")) {
            return text;
        }
        return text.length() <= 2 ? "0".repeat(2 - text.length()) + text : "0".repeat(5 - text.length()) + text;
    }

    /** A phone number as a sheet holds it: spaces and dots dropped, a leading zero a spreadsheet ate put back. */
    private static String phone(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[ .]", "");
        return digits.matches("\\d{9}") ? "0" + digits : digits;
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,;]")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(items));
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null && !row.get(i).isBlank() ? Texts.nfc(row.get(i).trim()) : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
