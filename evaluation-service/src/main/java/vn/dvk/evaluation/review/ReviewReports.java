package vn.dvk.evaluation.review;

import java.text.Collator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import vn.dvk.evaluation.dossier.Dossier;
import vn.dvk.evaluation.dossier.Dossiers;
import vn.dvk.evaluation.round.RoundModel;
import vn.dvk.evaluation.round.Rounds;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.sheet.Sheets;
import vn.dvk.kit.text.Labels;
import vn.dvk.units.UnitCatalog;

/**
 * The mid-term and final review (sơ kết / tổng kết) of a campaign inside a unit: its standard tables — models by
 * level and kind, by field, by unit with quota fill — from one snapshot of the same counters {@code GET /statistics}
 * answers from, and the list of recognised and commended models (owner, unit, tier, decision) from the outcomes the
 * rounds issued; as JSON or as an .xlsx workbook of the same numbers.
 */
@Component
public class ReviewReports {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<String> KINDS = List.of("COLLECTIVE", "INDIVIDUAL");
    private static final List<String> LEVELS = List.of("COMMUNE", "DISTRICT", "PROVINCE");
    private static final List<String> FIELDS = List.of("ECONOMY", "CULTURE_SOCIETY", "DEFENSE_SECURITY",
            "POLITICAL_SYSTEM");
    private static final List<String> TIERS = MovementStats.TIERS;

    private final MovementStats stats;
    private final Rounds rounds;
    private final Dossiers dossiers;
    private final Clock clock;

    ReviewReports(MovementStats stats, Rounds rounds, Dossiers dossiers, Clock clock) {
        this.stats = stats;
        this.rounds = rounds;
        this.dossiers = dossiers;
        this.clock = clock;
    }

    /** Sơ kết (mid-term) or tổng kết (final). */
    public enum Stage {
        MID_TERM("Báo cáo sơ kết"), FINAL("Báo cáo tổng kết");

        private final String title;

        Stage(String title) {
            this.title = title;
        }
    }

    /**
     * What a group of registrations amounts to. {@code registered}: those that take a quota place (submitted, not
     * returned or withdrawn); {@code approved}: approved or further; {@code returned} and {@code withdrawn}: as they
     * stand now; the tiers are cumulative — every commended model was also recognised — so
     * {@code recognised ≥ exemplary ≥ proposed ≥ commended}. Drafts are not counted.
     */
    public record Tally(long registered, long approved, long returned, long withdrawn, long recognised,
            long exemplary, long proposed, long commended) {
    }

    /**
     * Sums registrations into a tally per kind of model as counters are read, without a new object per counter:
     * registered, approved, returned, withdrawn, then the four cumulative tiers.
     */
    private static final class Sums {

        private static final java.util.Set<String> APPROVED_OR_FURTHER = java.util.Set.of("APPROVED", "RECOGNISED",
                "COMMENDED");
        private final long[][] byKind = new long[2][8];

        void add(int kind, MovementStats.Key key, long n) {
            long[] t = byKind[kind];
            String status = key.status();
            t[0] += MovementStats.holdsQuota(status) ? n : 0;
            t[1] += APPROVED_OR_FURTHER.contains(status) ? n : 0;
            t[2] += "RETURNED".equals(status) ? n : 0;
            t[3] += "WITHDRAWN".equals(status) ? n : 0;
            int tier = key.tier() == null ? 0 : TIERS.indexOf(key.tier());
            for (int rank = 1; rank <= 4; rank++) {
                t[3 + rank] += tier >= rank ? n : 0;
            }
        }

        Tally tally(int kind) {
            long[] t = byKind[kind];
            return new Tally(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        }

        Tally total() {
            long[] t = new long[8];
            for (int i = 0; i < 8; i++) {
                t[i] = byKind[0][i] + byKind[1][i];
            }
            return new Tally(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        }

        Line line(String code, String label) {
            return new Line(code, label, tally(0), tally(1), total());
        }
    }

    /** One row of a table: a level or field, what its collective and individual models amount to, and both. */
    public record Line(String code, String label, Tally collective, Tally individual, Tally total) {
    }

    /**
     * One unit's row: the unit itself (its own registrations) or one directly under it (everything inside that),
     * with its quota per kind (null: none) and the share of its places filled, in percent (null without quota).
     */
    public record UnitLine(String unitCode, String unitName, Tally collective, Tally individual, Tally total,
            Integer collectiveQuota, Integer individualQuota, Integer filledPercent) {
    }

    /** A recognised or commended model, at the highest tier any round issued it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ReviewReportModel")
    public record Model(String registrationId, String title, Dossier.Owner owner, String unitCode, String unitName,
            String field, String kind, String level, String tier, String commendationKind, String commendationBody,
            String decisionNumber, LocalDate decisionDate, String issuingBody) {
    }

    /** The review: the campaign, the unit, when, the totals, the three tables and the list. */
    public record Report(String campaignId, String campaignTitle, Integer year, Stage stage, String unitCode,
            String unitName, Instant asOf, Line total, List<Line> byLevel, List<Line> byField, List<UnitLine> byUnit,
            List<Model> models) {
    }

    /**
     * The review of {@code campaignId} inside {@code scope}; {@code stage} null: final once the campaign's final
     * review day has come, mid-term before.
     */
    public Report report(String campaignId, String scope, Stage stage) {
        MovementStats.Campaign campaign = stats.campaign(campaignId)
                .orElseThrow(() -> DomainException.notFound("report-campaign-unknown", campaignId));
        LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
        Stage chosen = stage != null ? stage
                : campaign.finalReview() != null && !today.isBefore(campaign.finalReview()) ? Stage.FINAL
                : Stage.MID_TERM;
        Instant asOf = clock.instant();
        Map<String, Sums> byLevel = new HashMap<>();
        Map<String, Sums> byField = new HashMap<>();
        Map<String, Sums> byUnit = new HashMap<>();
        Sums total = new Sums();
        for (MovementStats.Counted c : stats.snapshot(campaignId)) {
            String child = MovementStats.childOf(scope, c.path());
            int kind = KINDS.indexOf(c.key().kind());
            if (child == null || kind < 0) {
                continue;
            }
            total.add(kind, c.key(), c.count());
            byLevel.computeIfAbsent(c.key().level(), l -> new Sums()).add(kind, c.key(), c.count());
            byField.computeIfAbsent(c.key().field(), f -> new Sums()).add(kind, c.key(), c.count());
            byUnit.computeIfAbsent(child, u -> new Sums()).add(kind, c.key(), c.count());
        }
        List<Line> levels = new ArrayList<>();
        for (String level : LEVELS) {
            if (byLevel.containsKey(level) || !"DISTRICT".equals(level)) {
                levels.add(byLevel.getOrDefault(level, new Sums()).line(level, Labels.LEVELS.get(level)));
            }
        }
        List<Line> fields = FIELDS.stream()
                .map(f -> byField.getOrDefault(f, new Sums()).line(f, Labels.FIELDS.get(f))).toList();
        List<UnitLine> units = new ArrayList<>();
        for (UnitCatalog.Unit unit : stats.unitAndChildren(scope)) {
            Sums sums = byUnit.getOrDefault(unit.code(), new Sums());
            Integer collective = MovementStats.quota(campaign, unit, "COLLECTIVE");
            Integer individual = MovementStats.quota(campaign, unit, "INDIVIDUAL");
            Integer percent = collective == null && individual == null ? null
                    : filled(sums.tally(0).registered(), collective, sums.tally(1).registered(), individual);
            units.add(new UnitLine(unit.code(), unit.name(), sums.tally(0), sums.tally(1), sums.total(), collective,
                    individual, percent));
        }
        return new Report(campaignId, campaign.title(), campaign.year(), chosen, scope, stats.unitName(scope), asOf,
                total.line("TOTAL", "Tổng cộng"), levels, fields, units, models(campaignId, scope));
    }

    /**
     * The movement year by year inside {@code scope}, optionally in one field: one line per year that has
     * registrations (code: the year), oldest first — for comparing one campaign with those before it.
     */
    public List<Line> trends(String scope, String field) {
        // Grouped by the counters' own query (polled by dashboards: no lock, no copy of the counters).
        Map<Integer, Sums> byYear = new java.util.TreeMap<>();
        MovementStats.Counts counts = stats.count(new MovementStats.Filter(scope, null, null, null, null, field, null,
                null, null), List.of(MovementStats.Dimension.YEAR, MovementStats.Dimension.KIND,
                        MovementStats.Dimension.STATUS, MovementStats.Dimension.TIER));
        for (MovementStats.Row row : counts.rows()) {
            Map<String, Object> g = row.group();
            int kind = KINDS.indexOf((String) g.get("kind"));
            if (kind >= 0 && g.get("year") != null) {
                MovementStats.Key key = new MovementStats.Key(null, (Integer) g.get("year"), null, null, null, null,
                        (String) g.get("kind"), (String) g.get("status"), (String) g.get("tier"));
                byYear.computeIfAbsent(key.year(), y -> new Sums()).add(kind, key, row.count());
            }
        }
        List<Line> years = new ArrayList<>();
        byYear.forEach((year, sums) -> years.add(sums.line(year.toString(), "Năm " + year)));
        return years;
    }

    /** Places filled against the quota, in whole percent, each kind's count capped at its quota. */
    private static Integer filled(long collective, Integer collectiveQuota, long individual, Integer individualQuota) {
        long places = (collectiveQuota == null ? 0 : collectiveQuota) + (individualQuota == null ? 0 : individualQuota);
        long taken = (collectiveQuota == null ? 0 : Math.min(collective, collectiveQuota))
                + (individualQuota == null ? 0 : Math.min(individual, individualQuota));
        return places == 0 ? null : (int) (taken * 100 / places);
    }

    private List<Model> models(String campaignId, String scope) {
        Map<String, RoundModel> highest = new LinkedHashMap<>();
        for (RoundModel m : rounds.recognisedIn(campaignId, scope)) {
            highest.merge(m.registrationId(), m, (a, b) -> rank(b) > rank(a)
                    || rank(b) == rank(a) && b.outcome().issuedAt().isAfter(a.outcome().issuedAt()) ? b : a);
        }
        Map<String, Dossier> files = dossiers.byIds(highest.keySet());
        Collator vietnamese = Collator.getInstance(Locale.forLanguageTag("vi"));
        List<Model> models = new ArrayList<>();
        highest.values().forEach(m -> {
            RoundModel.Outcome o = m.outcome();
            Dossier d = files.get(m.registrationId());
            models.add(new Model(m.registrationId(), m.title(), d == null ? null : d.owner(), m.unitCode(),
                    stats.unitName(m.unitCode()), m.field(), m.kind().name(), m.level().name(), o.tier().name(),
                    o.commendation() == null ? null : o.commendation().kind(),
                    o.commendation() == null ? null : o.commendation().body(), o.decisionNumber(), o.decisionDate(),
                    o.issuingBody()));
        });
        models.sort(Comparator.comparing((Model m) -> TIERS.size() - TIERS.indexOf(m.tier()))
                .thenComparing(Model::unitName, vietnamese).thenComparing(Model::title, vietnamese));
        return models;
    }

    private static int rank(RoundModel model) {
        return model.outcome().tier().ordinal();
    }

    private static final List<String> TALLY_COLUMNS = List.of("Đăng ký (giữ chỉ tiêu)", "Tập thể", "Cá nhân",
            "Đã duyệt", "Được công nhận", "Tiêu biểu", "Đề nghị khen thưởng", "Được khen thưởng", "Đang trả lại",
            "Đã rút");

    private static List<Object> tallyCells(Line line) {
        Tally t = line.total();
        return List.of(t.registered(), line.collective().registered(), line.individual().registered(), t.approved(),
                t.recognised(), t.exemplary(), t.proposed(), t.commended(), t.returned(), t.withdrawn());
    }

    /** The report as an .xlsx workbook: the summary with levels, fields, units, and the list of models. */
    public byte[] workbook(Report report) {
        List<String> title = List.of(report.stage().title + " phong trào thi đua “Dân vận khéo”",
                report.campaignTitle() + " — " + report.unitName() + " (" + report.unitCode() + ")",
                "Số liệu đến " + report.asOf().atZone(VIETNAM).toLocalDateTime().withNano(0).toString()
                        .replace('T', ' '));
        List<String> lineHeader = new ArrayList<>();
        lineHeader.add("Cấp");
        lineHeader.addAll(TALLY_COLUMNS);
        List<List<Object>> levelRows = new ArrayList<>();
        report.byLevel().forEach(l -> levelRows.add(row(l.label(), tallyCells(l))));
        levelRows.add(row(report.total().label(), tallyCells(report.total())));
        List<String> fieldHeader = new ArrayList<>(lineHeader);
        fieldHeader.set(0, "Lĩnh vực");
        List<List<Object>> fieldRows = new ArrayList<>();
        report.byField().forEach(l -> fieldRows.add(row(l.label(), tallyCells(l))));
        List<String> unitHeader = List.of("Mã đơn vị", "Đơn vị", "Tập thể đăng ký", "Chỉ tiêu tập thể",
                "Cá nhân đăng ký", "Chỉ tiêu cá nhân", "Hoàn thành chỉ tiêu (%)", "Được công nhận",
                "Được khen thưởng", "Đang trả lại", "Đã rút");
        List<List<Object>> unitRows = new ArrayList<>();
        report.byUnit().forEach(u -> unitRows.add(java.util.Arrays.asList(u.unitCode(), u.unitName(),
                u.collective().registered(), u.collectiveQuota(), u.individual().registered(), u.individualQuota(),
                u.filledPercent(), u.total().recognised(), u.total().commended(), u.total().returned(),
                u.total().withdrawn())));
        List<String> modelHeader = List.of("STT", "Tên mô hình", "Chủ thể", "Đơn vị", "Lĩnh vực", "Loại", "Cấp",
                "Kết quả", "Hình thức khen thưởng", "Cơ quan khen thưởng", "Số quyết định", "Ngày quyết định");
        List<List<Object>> modelRows = new ArrayList<>();
        for (Model m : report.models()) {
            modelRows.add(java.util.Arrays.asList(modelRows.size() + 1, m.title(),
                    m.owner() == null ? null : m.owner().name(), m.unitName(), Labels.FIELDS.get(m.field()),
                    Labels.KINDS.get(m.kind()), Labels.LEVELS.get(m.level()), Labels.TIERS.get(m.tier()),
                    m.commendationKind() == null ? null : Labels.COMMENDATIONS.get(m.commendationKind()), m.commendationBody(), m.decisionNumber(), m.decisionDate()));
        }
        return Sheets.writeXlsx(List.of(new Sheets.Table("Theo cấp", title, lineHeader, levelRows),
                new Sheets.Table("Theo lĩnh vực", title, fieldHeader, fieldRows),
                new Sheets.Table("Theo đơn vị", title, unitHeader, unitRows),
                new Sheets.Table("Mô hình được công nhận", title, modelHeader, modelRows)), List.of(
                        List.of("Đăng ký (giữ chỉ tiêu)", "Mô hình đã gửi, không bị trả lại hay rút: số chiếm chỉ tiêu."),
                        List.of("Được công nhận", "Gồm cả mô hình tiêu biểu, đề nghị khen thưởng và được khen thưởng."),
                        List.of("Theo đơn vị", "Dòng đầu là đơn vị báo cáo (mô hình của chính đơn vị); mỗi dòng sau"
                                + " là một đơn vị trực thuộc và mọi mô hình bên trong.")));
    }

    private static List<Object> row(String label, List<Object> cells) {
        List<Object> row = new ArrayList<>();
        row.add(label);
        row.addAll(cells);
        return row;
    }
}
