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
}
