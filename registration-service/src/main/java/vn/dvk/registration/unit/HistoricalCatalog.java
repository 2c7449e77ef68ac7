package vn.dvk.registration.unit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.units.UnitCatalog;
import vn.dvk.units.UnitMapping;

/**
 * The catalog as it was before 1 July 2025 — imported from a file, since the official 2025 data names only the old
 * provinces and communes, not the districts — and its link to the 2025 units through the official merge mapping.
 * Importing the same file again changes nothing.
 */
@Service
public class HistoricalCatalog {

    /** The columns of the import file, in order: the statistics office's list of units. */
    static final List<String> COLUMNS = List.of("Mã tỉnh", "Tên tỉnh", "Mã huyện", "Tên huyện", "Mã xã", "Tên xã");
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");
    private static final Pattern DISTRICT = Pattern.compile("\\d{3}");
    private static final Pattern COMMUNE = Pattern.compile("\\d{5}");

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final UnitMapping mapping = UnitMapping.official2025();
    private final UnitCatalog catalog = UnitCatalog.official2025();

    HistoricalCatalog(MongoTemplate mongo, Outbox outbox, AuditTrail audit, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an import did: units stored per level, communes the mapping does not know, and rows refused; the import's
     * record, when it stored anything.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "HistoricalCatalogImportResult")
    record Result(String importId, int rows, int provinces, int districts, int communes, List<String> unmapped,
            List<Rejected> rejected) {

        @io.swagger.v3.oas.annotations.media.Schema(name = "HistoricalCatalogRejection")
        record Rejected(int row, List<String> reasons) {
        }
    }

    /**
     * Stores every valid row's province, district and commune (an upsert by id); the others are explained. A row is
     * refused when its old province went into no 2025 province inside {@code unitCode}, the importer's unit: an
     * administrator imports only their own province's past.
     */
    Result importRows(List<List<String>> table, String fileName, String unitCode, String by) {
        Predicate<String> covers = code -> catalog.contains(unitCode, code);
        Instant now = clock.instant();
        Map<String, HistoricalUnit> units = new LinkedHashMap<>();
        Map<String, Set<HistoricalUnit.Successor>> districtSuccessors = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        List<Result.Rejected> rejected = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> row = new ArrayList<>(table.get(r));
            while (row.size() < COLUMNS.size()) {
                row.add("");
            }
            String province = digits(row.get(0), 2);
            String district = digits(row.get(2), 3);
            String commune = digits(row.get(4), 5);
            List<String> reasons = new ArrayList<>();
            check(PROVINCE, province, COLUMNS.get(0), reasons);
            check(DISTRICT, district, COLUMNS.get(2), reasons);
            check(COMMUNE, commune, COLUMNS.get(4), reasons);
            for (int c : new int[] {1, 3, 5}) {
                if (row.get(c).isBlank()) {
                    reasons.add(COLUMNS.get(c) + ": trống");
                }
            }
            HistoricalUnit known = units.get(HistoricalUnit.idOf(HistoricalUnit.Level.COMMUNE, commune));
            if (reasons.isEmpty() && known != null && !known.parentCode().equals(district)) {
                reasons.add("Mã xã " + commune + " đã thuộc huyện " + known.parentCode() + " ở dòng trước");
            }
            List<String> provinceSuccessors = reasons.isEmpty() ? mapping.provinceSuccessors(province).stream()
                    .map(UnitMapping.Merge::newCode).toList() : List.of();
            if (reasons.isEmpty() && provinceSuccessors.isEmpty()) {
                reasons.add(COLUMNS.get(0) + ": " + province + " không có trong danh mục sáp nhập năm 2025");
            } else if (reasons.isEmpty() && provinceSuccessors.stream().noneMatch(covers)) {
                reasons.add(COLUMNS.get(0) + ": " + province + " ngoài phạm vi đơn vị của bạn");
            }
            if (reasons.isEmpty()) {
                // The row's commune and district are upserted by code: the row's province alone does not make them
                // the importer's. A commune whose 2025 successors lie elsewhere, or a commune or district already
                // stored under an old province outside the importer's unit, stays as it is.
                List<String> communeSuccessors = mapping.communeSuccessors(commune).stream()
                        .map(UnitMapping.Merge::newCode).toList();
                if (!communeSuccessors.isEmpty() && communeSuccessors.stream().noneMatch(covers)
                        || storedOutside(HistoricalUnit.Level.COMMUNE, commune, covers)) {
                    reasons.add(COLUMNS.get(4) + ": " + commune + " ngoài phạm vi đơn vị của bạn");
                }
                if (storedOutside(HistoricalUnit.Level.DISTRICT, district, covers)) {
                    reasons.add(COLUMNS.get(2) + ": " + district + " ngoài phạm vi đơn vị của bạn");
                }
            }
            if (!reasons.isEmpty()) {
                rejected.add(new Result.Rejected(r + 1, reasons));
                continue;
            }
            List<HistoricalUnit.Successor> successors = successors(mapping.communeSuccessors(commune));
            if (successors.isEmpty()) {
                unmapped.add(commune);
            }
            put(units, HistoricalUnit.of(HistoricalUnit.Level.PROVINCE, province, Names.clean(row.get(1)), null,
                    province, successors(mapping.provinceSuccessors(province)), by, now));
            put(units, HistoricalUnit.of(HistoricalUnit.Level.COMMUNE, commune, Names.clean(row.get(5)), district,
                    province, successors, by, now));
            districtSuccessors.computeIfAbsent(district, d -> new LinkedHashSet<>()).addAll(successors);
            put(units, HistoricalUnit.of(HistoricalUnit.Level.DISTRICT, district, Names.clean(row.get(3)), province,
                    province, List.of(), by, now));
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, HistoricalUnit.class);
        for (HistoricalUnit u : units.values()) {
            // A district's 2025 units are those of all its communes, known once every row has been read.
            HistoricalUnit stored = u.level() == HistoricalUnit.Level.DISTRICT
                    ? u.withSuccessors(List.copyOf(districtSuccessors.get(u.code()))) : u;
            bulk.replaceOne(Query.query(Criteria.where("_id").is(stored.id())), stored,
                    FindAndReplaceOptions.options().upsert());
        }
        String importId = null;
        if (!units.isEmpty()) {
            bulk.execute();
            importId = record(units, fileName, table.size() - 1, rejected.size(), unitCode, by, now);
        }
        Result result = new Result(importId, table.size() - 1, count(units, HistoricalUnit.Level.PROVINCE),
                count(units, HistoricalUnit.Level.DISTRICT), count(units, HistoricalUnit.Level.COMMUNE), unmapped,
                rejected);
        audit.record("historical-units.imported", "completed", "units/historical", Map.of("rows", result.rows(),
                "communes", result.communes(), "rejected", rejected.size()));
        return result;
    }

    /**
     * Whether an old unit is already stored under an old province none of whose 2025 successors lies inside the
     * importer's unit: imported by another province's administrator, so not this importer's to rewrite.
     */
    private boolean storedOutside(HistoricalUnit.Level level, String code, Predicate<String> covers) {
        return find(level, code).map(HistoricalUnit::provinceCode)
                .filter(province -> mapping.provinceSuccessors(province).stream().map(UnitMapping.Merge::newCode)
                        .noneMatch(covers))
                .isPresent();
    }

    /** Keeps the import on record with its event, once its units are stored. */
    private String record(Map<String, HistoricalUnit> units, String fileName, int rows, int rejected,
            String unitCode, String by, Instant at) {
        List<String> provinces = units.values().stream().filter(u -> u.level() == HistoricalUnit.Level.PROVINCE)
                .map(HistoricalUnit::code).sorted().toList();
        int districts = count(units, HistoricalUnit.Level.DISTRICT);
        int communes = count(units, HistoricalUnit.Level.COMMUNE);
        HistoricalImport done = new HistoricalImport(Ids.newId(), catalog.pathOf(unitCode), fileName, provinces,
                rows, districts, communes, rejected, by, at, null, null);
        outbox.append(done, UnitEvents.TOPIC, UnitEvents.HistoricalCatalogImported.TYPE, done.id(),
                new UnitEvents.HistoricalCatalogImported(done.id(), provinces, districts, communes, at));
        return mongo.save(done).id();
    }

    /** The imports on record made inside {@code unitCode}, newest first. */
    Page<HistoricalImport> imports(String unitCode, Pageable page) {
        Criteria inside = Criteria.where("unitPath").is(unitCode);
        Query newestFirst = new Query(inside).with(Sort.by(Sort.Direction.DESC, "importedAt")).with(page);
        return new PageImpl<>(mongo.find(newestFirst, HistoricalImport.class), page,
                mongo.count(new Query(inside), HistoricalImport.class));
    }

    Optional<HistoricalUnit> find(HistoricalUnit.Level level, String code) {
        return Optional.ofNullable(mongo.findById(HistoricalUnit.idOf(level, code), HistoricalUnit.class));
    }

    /**
     * The imported old unit of a code: a province (2 digits), district (3) or commune (5), with its path of old
     * codes.
     */
    public Optional<FormerUnit> formerUnit(String code) {
        return Optional.ofNullable(HistoricalUnit.levelOfCode(code)).flatMap(l -> find(l, code)).map(u -> new FormerUnit(u.code(),
                vn.dvk.registration.campaign.Level.valueOf(u.level().name()), u.name(), switch (u.level()) {
                    case PROVINCE -> List.of(u.code());
                    case DISTRICT -> List.of(u.provinceCode(), u.code());
                    case COMMUNE -> List.of(u.provinceCode(), u.parentCode(), u.code());
                }));
    }

    /**
     * The 2025 units that may carry the records of an old unit: those it went into — and for a district, whose
     * level is gone, also the province its own province went into.
     */
    public List<String> carriersOf(FormerUnit former) {
        Optional<HistoricalUnit> old = find(HistoricalUnit.Level.valueOf(former.level().name()), former.code());
        Set<String> carriers = new LinkedHashSet<>();
        old.ifPresent(u -> u.successors().forEach(s -> carriers.add(s.code())));
        if (former.level() == vn.dvk.registration.campaign.Level.DISTRICT) {
            find(HistoricalUnit.Level.PROVINCE, former.path().get(0))
                    .ifPresent(p -> p.successors().forEach(s -> carriers.add(s.code())));
        }
        return List.copyOf(carriers);
    }

    /**
     * The old units directly under {@code parentCode} (the districts of an old province, the communes of an old
     * district), or the old provinces without a parent, in Vietnamese alphabetical order.
     */
    List<HistoricalUnit> childrenOf(String parentCode) {
        Criteria criteria = parentCode == null ? Criteria.where("level").is(HistoricalUnit.Level.PROVINCE)
                : Criteria.where("parentCode").is(parentCode);
        return mongo.find(Query.query(criteria), HistoricalUnit.class).stream()
                .sorted(Comparator.comparing((HistoricalUnit u) -> VietnameseOrder.sortKey(u.name()))
                        .thenComparing(HistoricalUnit::code))
                .toList();
    }

    /** The old communes (and the districts they were in, when imported) that went into a 2025 unit. */
    List<Predecessor> predecessorsOf(String code) {
        List<Predecessor> found = new ArrayList<>();
        for (UnitMapping.Merge merge : mapping.predecessorsOf(code)) {
            boolean province = code.length() == 2;
            Optional<HistoricalUnit> old = find(province ? HistoricalUnit.Level.PROVINCE
                    : HistoricalUnit.Level.COMMUNE, merge.oldCode());
            String districtCode = old.map(HistoricalUnit::parentCode).filter(p -> !province).orElse(null);
            String districtName = districtCode == null ? null : find(HistoricalUnit.Level.DISTRICT, districtCode)
                    .map(HistoricalUnit::name).orElse(null);
            found.add(new Predecessor(merge.oldCode(), merge.oldName(), merge.full(), districtCode, districtName));
        }
        return found;
    }

    /** An old unit that went into a 2025 unit, wholly or in part, and its old district if known. */
    record Predecessor(String code, String name, boolean full, String districtCode, String districtName) {
    }

    private List<HistoricalUnit.Successor> successors(List<UnitMapping.Merge> merges) {
        return merges.stream().map(m -> new HistoricalUnit.Successor(m.newCode(),
                catalog.find(m.newCode()).map(UnitCatalog.Unit::name).orElse(m.newCode()), m.full())).toList();
    }

    private static void put(Map<String, HistoricalUnit> units, HistoricalUnit unit) {
        units.putIfAbsent(unit.id(), unit);
    }

    private static int count(Map<String, HistoricalUnit> units, HistoricalUnit.Level level) {
        return (int) units.values().stream().filter(u -> u.level() == level).count();
    }

    /** Codes that lost their leading zeros in a number cell get them back. */
    private static String digits(String cell, int length) {
        String code = cell.strip();
        return code.matches("\\d{1," + length + "}") ? "0".repeat(length - code.length()) + code : code;
    }

    private static void check(Pattern pattern, String code, String column, List<String> reasons) {
        if (!pattern.matcher(code).matches()) {
            reasons.add(column + ": “" + code + "” không phải mã hợp lệ");
        }
    }
}
