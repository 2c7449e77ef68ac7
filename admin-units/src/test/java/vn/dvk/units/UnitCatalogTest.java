package vn.dvk.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class UnitCatalogTest {

    private final UnitCatalog catalog = UnitCatalog.official2025();

    @Test
    void shouldHoldTheOfficial2025UnitsWithTheirProvinces() {
        assertThat(catalog.provinces()).hasSize(34);
        assertThat(catalog.size()).isEqualTo(34 + 3321);
        assertThat(catalog.find("00004")).hasValueSatisfying(u -> {
            assertThat(u.name()).isEqualTo("Phường Ba Đình");
            assertThat(u.parentCode()).isEqualTo("01");
        });
        assertThat(catalog.childrenOf("01")).extracting(UnitCatalog.Unit::code).contains("00004", "00008");
    }

    @Test
    void shouldContainACommuneInItsProvinceOnlyAndNothingInAnUnknownUnit() {
        assertThat(catalog.pathOf("00004")).containsExactly("01", "00004");
        assertThat(catalog.contains("01", "00004")).isTrue();
        assertThat(catalog.contains("00004", "00004")).isTrue();
        assertThat(catalog.contains("00008", "00004")).isFalse();
        assertThat(catalog.contains("00004", "01")).isFalse();
        assertThat(catalog.contains("79", "00004")).isFalse();
        assertThat(catalog.contains("01", "99999")).isFalse();
        assertThat(catalog.contains(null, "00004")).isFalse();
    }

    /** The kit ships a copy of shared/data/admin-units; it must not drift from the official files. */
    @Test
    void shouldShipTheSameFilesAsTheSharedCatalog() throws IOException {
        Path shared = Path.of(System.getProperty("user.dir")).getParent().resolveSibling("shared")
                .resolve("data/admin-units");
        assumeTrue(Files.isDirectory(shared), "shared/ is beside the repository in CI and development");
        for (String file : new String[] {"provinces-2025.csv", "communes-2025.csv"}) {
            try (InputStream shipped = UnitCatalog.class.getResourceAsStream("/admin-units/" + file)) {
                assertThat(shipped.readAllBytes()).as(file).isEqualTo(Files.readAllBytes(shared.resolve(file)));
            }
        }
    }

    @Test
    void shouldMapOldUnitsToThe2025UnitsTheyWentInto() {
        UnitMapping mapping = UnitMapping.official2025();
        assertThat(mapping.oldCommunes()).isEqualTo(10052);
        // Phường Ngọc Hà (old 00016) was split between the 2025 wards Ba Đình and Ngọc Hà.
        assertThat(mapping.communeSuccessors("00016")).extracting(UnitMapping.Merge::newCode)
                .contains("00004", "00008");
        assertThat(mapping.communeSuccessors("00016")).allSatisfy(m -> assertThat(m.full()).isFalse());
        assertThat(mapping.predecessorsOf("00004")).extracting(UnitMapping.Merge::oldName)
                .contains("Phường Trúc Bạch", "Phường Quán Thánh");
        assertThat(mapping.provinceSuccessors("01")).extracting(UnitMapping.Merge::newCode).containsExactly("01");
        assertThat(mapping.communeSuccessors("99999")).isEmpty();
    }

    /** merges-2025.csv is the official JSON mapping flattened: every merge of every unit, nothing else. */
    @Test
    void shouldShipTheSharedMergeMappingFlattened() throws IOException {
        Path json = Path.of(System.getProperty("user.dir")).getParent().resolveSibling("shared")
                .resolve("data/admin-units/mapping-2025-merges.json");
        assumeTrue(Files.exists(json), "shared/ is beside the repository in CI and development");
        com.jayway.jsonpath.DocumentContext mapping = com.jayway.jsonpath.JsonPath.parse(json.toFile());
        java.util.List<String> expected = new java.util.ArrayList<>();
        java.util.List<java.util.Map<String, Object>> provinces = mapping.read("$.data[*]");
        for (java.util.Map<String, Object> p : provinces) {
            for (java.util.Map<String, Object> m : list(p.get("merges"))) {
                expected.add(String.join(",", "province", (String) m.get("old_id"), (String) m.get("name"),
                        (String) p.get("level1_id"), (String) m.get("type")));
            }
            for (java.util.Map<String, Object> c : list(p.get("level2s"))) {
                for (java.util.Map<String, Object> m : list(c.get("merges"))) {
                    expected.add(String.join(",", "commune", (String) m.get("old_id"), (String) m.get("name"),
                            (String) c.get("level2_id"), (String) m.get("type")));
                }
            }
        }
        try (InputStream shipped = UnitCatalog.class.getResourceAsStream("/admin-units/merges-2025.csv")) {
            java.util.List<String> lines = new String(shipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().skip(1).toList();
            assertThat(lines).containsExactlyElementsOf(expected);
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<java.util.Map<String, Object>> list(Object value) {
        return (java.util.List<java.util.Map<String, Object>>) value;
    }
}
