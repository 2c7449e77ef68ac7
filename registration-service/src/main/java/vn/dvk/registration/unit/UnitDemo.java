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

    UnitDemo(UnitDirectory directory) {
        this.directory = directory;
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
