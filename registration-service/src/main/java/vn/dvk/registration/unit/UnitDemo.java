package vn.dvk.registration.unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import vn.dvk.units.UnitCatalog;

/** What the demo seeder may do with units: register a commune's usual organisations and compose its block. */
@Component
public class UnitDemo {

    private static final Map<OrganisationKind, String> USUAL = new LinkedHashMap<>();

    static {
        USUAL.put(OrganisationKind.PARTY_COMMITTEE, "Đảng ủy");
        USUAL.put(OrganisationKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân");
        USUAL.put(OrganisationKind.FATHERLAND_FRONT, "Ủy ban Mặt trận Tổ quốc Việt Nam");
        USUAL.put(OrganisationKind.WOMENS_UNION, "Hội Liên hiệp Phụ nữ");
        USUAL.put(OrganisationKind.FARMERS_ASSOCIATION, "Hội Nông dân");
        USUAL.put(OrganisationKind.YOUTH_UNION, "Đoàn Thanh niên Cộng sản Hồ Chí Minh");
        USUAL.put(OrganisationKind.VETERANS_ASSOCIATION, "Hội Cựu chiến binh");
        USUAL.put(OrganisationKind.POLICE, "Công an");
    }

    private static final List<String[]> BLOCK = List.of(
            new String[] {"Trần Văn Hùng", "Phó Bí thư Thường trực Đảng ủy", "LEADER"},
            new String[] {"Lê Thị Mai", "Trưởng Ban Dân vận Đảng ủy", "DEPUTY"},
            new String[] {"Phạm Văn Nam", "Chủ tịch Ủy ban Mặt trận Tổ quốc", "DEPUTY"},
            new String[] {"Nguyễn Thị Hoa", "Chủ tịch Hội Liên hiệp Phụ nữ", "MEMBER"},
            new String[] {"Hoàng Văn Sơn", "Chủ tịch Hội Nông dân", "MEMBER"},
            new String[] {"Vũ Thị Lan", "Bí thư Đoàn Thanh niên", "MEMBER"},
            new String[] {"Đỗ Văn Bình", "Chủ tịch Hội Cựu chiến binh", "MEMBER"},
            new String[] {"Bùi Văn Tuấn", "Trưởng Công an", "MEMBER"},
            new String[] {"Ngô Thị Thu", "Phó Chủ tịch Ủy ban nhân dân", "MEMBER"});

    private final UnitDirectory directory;
    private final HistoricalCatalog history;

    UnitDemo(UnitDirectory directory, HistoricalCatalog history) {
        this.directory = directory;
        this.history = history;
    }

    /**
     * Imports two old districts of Hà Nội (Ba Đình and Hoàn Kiếm, {@code demo/units-before-2025.csv}) into the
     * catalog before 2025; answers each old ward with the first 2025 ward that carries its records.
     */
    public Map<FormerUnit, String> seedOldCatalog(String by) {
        List<List<String>> rows = new ArrayList<>();
        try (var in = UnitDemo.class.getResourceAsStream("/demo/units-before-2025.csv")) {
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .forEach(line -> rows.add(List.of(line.split(",", -1))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        history.importRows(rows, "units-before-2025.csv", "01", by);
        Map<FormerUnit, String> carriers = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            history.formerUnit(row.get(4)).ifPresent(ward -> history.carriersOf(ward).stream().findFirst()
                    .ifPresent(carrier -> carriers.put(ward, carrier)));
        }
        return carriers;
    }

    /** Registers the usual organisations of a commune; answers their ids by kind. */
    public Map<OrganisationKind, String> seedOrganisations(UnitCatalog.Unit commune, String by) {
        Map<OrganisationKind, String> ids = new LinkedHashMap<>();
        USUAL.forEach((kind, name) -> ids.put(kind,
                directory.register(commune.code(), kind, name + " " + commune.name(), by).id()));
        return ids;
    }

    /** Composes a commune's block with nine members, led by the standing deputy party secretary. */
    public void seedBlock(UnitCatalog.Unit commune, String by) {
        List<Block.Member> members = new ArrayList<>();
        for (String[] m : BLOCK) {
            members.add(new Block.Member(null, m[0], m[1], Block.Role.valueOf(m[2])));
        }
        directory.compose(commune.code(), null, members, by);
    }
}
